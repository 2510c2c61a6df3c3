import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "@/db";
import { memberRoles, teamMembers, teams, users, type MemberRole } from "@/db/schema";
import { logActivity } from "@/lib/activity";

export type MemberView = { userId: string; email: string; name: string | null; role: MemberRole; joinedAt: Date };

export type MemberRefusal = "not_found" | "last_owner" | "forbidden";

const refusalMessages: Record<MemberRefusal, string> = {
  not_found: "No such member in this team.",
  last_owner: "A team needs at least one owner. Make someone else an owner first.",
  forbidden: "Only an owner can change or remove another owner.",
};

export class MemberError extends Error {
  constructor(readonly reason: MemberRefusal) {
    super(refusalMessages[reason]);
  }
}

export const roleLabels: Record<MemberRole, string> = { owner: "Owner", admin: "Admin", member: "Member" };

export const changeRoleSchema = z.object({
  userId: z.string().uuid("Unknown member"),
  role: z.enum(memberRoles, { error: "Choose owner, admin or member" }),
});

/** The team's people, owners first, then by when they joined. */
export async function listMembers(db: Db, teamId: string): Promise<MemberView[]> {
  return db
    .select({ userId: users.id, email: users.email, name: users.name, role: teamMembers.role, joinedAt: teamMembers.createdAt })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(eq(teamMembers.teamId, teamId))
    .orderBy(sql`case ${teamMembers.role} when 'owner' then 0 when 'admin' then 1 else 2 end`, asc(teamMembers.createdAt));
}

export type TeamChoice = { id: string; name: string; role: MemberRole };

/** Every team the account belongs to, by name: what the team switcher offers. */
export async function listTeamsOfUser(db: Db, userId: string): Promise<TeamChoice[]> {
  return db
    .select({ id: teams.id, name: teams.name, role: teamMembers.role })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(eq(teamMembers.userId, userId))
    .orderBy(asc(teams.name), asc(teams.id));
}

/**
 * Locks the team's membership rows so two concurrent changes cannot both remove "the other" owner,
 * then returns the target's row (or throws not_found: a user of another team is never found here).
 */
async function lockMembership(tx: Tx, teamId: string, userId: string) {
  if (!z.string().uuid().safeParse(userId).success) throw new MemberError("not_found");
  const rows = await tx
    .select({ userId: teamMembers.userId, role: teamMembers.role })
    .from(teamMembers)
    .where(eq(teamMembers.teamId, teamId))
    .for("update");
  const target = rows.find((row) => row.userId === userId);
  if (!target) throw new MemberError("not_found");
  const owners = rows.filter((row) => row.role === "owner").length;
  return { target, owners };
}

/**
 * Removes someone from the team. Admins may remove members and admins; only an owner may remove
 * an owner; the last owner can never be removed (not even by themselves).
 */
export async function removeMember(db: Db, input: { teamId: string; actor: { userId: string; role: MemberRole }; userId: string }) {
  return db.transaction(async (tx) => {
    const { target, owners } = await lockMembership(tx, input.teamId, input.userId);
    if (target.role === "owner" && input.actor.role !== "owner") throw new MemberError("forbidden");
    if (target.role === "owner" && owners <= 1) throw new MemberError("last_owner");
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, input.userId));
    await tx.delete(teamMembers).where(and(eq(teamMembers.teamId, input.teamId), eq(teamMembers.userId, input.userId)));
    await logActivity(tx, {
      teamId: input.teamId,
      userId: input.actor.userId,
      action: "member.removed",
      detail: { memberId: input.userId, email: user?.email ?? null, role: target.role, self: input.userId === input.actor.userId },
    });
    return { userId: input.userId, email: user?.email ?? "", role: target.role };
  });
}

/** Changes a member's role (owners only); the last owner cannot step down. */
export async function changeMemberRole(
  db: Db,
  input: { teamId: string; actor: { userId: string; role: MemberRole }; userId: string; role: MemberRole },
) {
  const role = changeRoleSchema.shape.role.parse(input.role);
  if (input.actor.role !== "owner") throw new MemberError("forbidden");
  return db.transaction(async (tx) => {
    const { target, owners } = await lockMembership(tx, input.teamId, input.userId);
    if (target.role === role) return { changed: false, from: target.role, to: role };
    if (target.role === "owner" && owners <= 1) throw new MemberError("last_owner");
    await tx
      .update(teamMembers)
      .set({ role })
      .where(and(eq(teamMembers.teamId, input.teamId), eq(teamMembers.userId, input.userId)));
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, input.userId));
    await logActivity(tx, {
      teamId: input.teamId,
      userId: input.actor.userId,
      action: "member.role_changed",
      detail: { memberId: input.userId, email: user?.email ?? null, from: target.role, to: role },
    });
    return { changed: true, from: target.role, to: role };
  });
}
