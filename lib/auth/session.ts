import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb, type Db } from "@/db";
import { teamMembers, teams, users, type MemberRole, type Team } from "@/db/schema";
import { auth } from "./config";

export type TeamContext = {
  db: Db;
  user: { id: string; email: string; name: string | null };
  team: Team;
  role: MemberRole;
};

/** The signed-in user's team, or null. Memoised per request. */
export const getSessionTeam = cache(async (): Promise<TeamContext | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const db = await getDb();
  const [row] = await db
    .select({ user: { id: users.id, email: users.email, name: users.name }, team: teams, role: teamMembers.role })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(eq(teamMembers.userId, userId))
    .orderBy(asc(teamMembers.createdAt))
    .limit(1);
  return row ? { db, ...row } : null;
});

/** For pages: the team context, or a redirect to sign-in. */
export async function requireTeam(): Promise<TeamContext> {
  const context = await getSessionTeam();
  if (!context) redirect("/sign-in");
  return context;
}

export async function isMember(db: Db, teamId: string, userId: string) {
  const rows = await db
    .select({ role: teamMembers.role })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
    .limit(1);
  return rows[0]?.role ?? null;
}
