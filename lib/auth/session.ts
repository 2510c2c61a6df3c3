import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { cache } from "react";
import { getDb, type Db } from "@/db";
import { teamMembers, teams, users, type MemberRole, type Team } from "@/db/schema";
import { appOrigin } from "./app-origin";
import { auth } from "./config";

export type TeamContext = {
  db: Db;
  user: { id: string; email: string; name: string | null };
  team: Team;
  role: MemberRole;
};

/**
 * Which of the user's teams the dashboard shows. The cookie only chooses among the user's own
 * memberships (the query below joins them), so a forged value can never open another team.
 */
const activeTeamCookie = "active_team";

/** Shows `teamId` from the next request on; call only after checking the user is a member. */
export async function setActiveTeam(teamId: string) {
  (await cookies()).set(activeTeamCookie, teamId, {
    httpOnly: true,
    sameSite: "lax",
    secure: (await appOrigin()).startsWith("https:"),
    path: "/",
    maxAge: 365 * 24 * 60 * 60,
  });
}

/** On sign-out, so the next person on this browser starts from their own first team. */
export async function clearActiveTeam() {
  (await cookies()).delete(activeTeamCookie);
}

async function chosenTeamId(): Promise<string | null> {
  const value = (await cookies()).get(activeTeamCookie)?.value;
  return value && z.uuid().safeParse(value).success ? value : null;
}

/** The signed-in user's current team (the one chosen, else the first joined), or null. Memoised per request. */
export const getSessionTeam = cache(async (): Promise<TeamContext | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const [db, chosen] = await Promise.all([getDb(), chosenTeamId()]);
  const [row] = await db
    .select({ user: { id: users.id, email: users.email, name: users.name }, team: teams, role: teamMembers.role })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(eq(teamMembers.userId, userId))
    .orderBy(sql`${teamMembers.teamId} = ${chosen} is not true`, asc(teamMembers.createdAt))
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
