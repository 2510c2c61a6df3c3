import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, Executor } from "@/db";
import { invitations, teamMembers, teams, users, type Invitation, type MemberRole } from "@/db/schema";
import { logActivity } from "@/lib/activity";

/** How long an invite link works. */
export const invitationLifetimeMs = 7 * 24 * 60 * 60 * 1000;

/** Roles an invitation can grant; ownership is handed over by changing a role, never by invite. */
export const invitableRoles = ["member", "admin"] as const satisfies readonly MemberRole[];

export const inviteSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address").max(254),
  role: z.enum(invitableRoles, { error: "Choose member or admin" }),
});

export type InvitationRefusal = "invalid" | "expired" | "revoked" | "used" | "email_mismatch" | "already_member";

const refusalMessages: Record<InvitationRefusal, string> = {
  invalid: "This invitation link is not valid. Ask for a new one.",
  expired: "This invitation has expired. Ask for a new one.",
  revoked: "This invitation was withdrawn. Ask for a new one.",
  used: "This invitation has already been used.",
  email_mismatch: "This invitation was sent to a different email address.",
  already_member: "You are already a member of this team.",
};

export class InvitationError extends Error {
  constructor(readonly reason: InvitationRefusal) {
    super(refusalMessages[reason]);
  }
}

export class AlreadyMemberError extends Error {
  constructor(email: string) {
    super(`${email} is already a member of this team.`);
  }
}

export const hashInviteToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** The path a person opens to join; the token appears only here, never in the database. */
export const invitePath = (token: string) => `/sign-up?invite=${encodeURIComponent(token)}`;

/**
 * Invites an email to the team with a role. Inviting the same email again replaces the earlier
 * invitation (its link stops working). Returns the raw token, which the caller shows once.
 */
export async function createInvitation(
  db: Executor,
  input: { teamId: string; invitedBy: string; email: string; role: (typeof invitableRoles)[number]; now?: Date },
): Promise<{ invitation: Invitation; token: string }> {
  const { email, role } = inviteSchema.parse({ email: input.email, role: input.role });
  const now = input.now ?? new Date();
  const [member] = await db
    .select({ userId: users.id })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.teamId, input.teamId), eq(users.email, email)))
    .limit(1);
  if (member) throw new AlreadyMemberError(email);

  const token = randomBytes(32).toString("base64url");
  const values = {
    teamId: input.teamId,
    email,
    role,
    invitedBy: input.invitedBy,
    status: "pending" as const,
    tokenHash: hashInviteToken(token),
    expiresAt: new Date(now.getTime() + invitationLifetimeMs),
    acceptedAt: null,
    revokedAt: null,
    createdAt: now,
  };
  const [invitation] = await db
    .insert(invitations)
    .values(values)
    .onConflictDoUpdate({ target: [invitations.teamId, invitations.email], set: values })
    .returning();
  await logActivity(db, {
    teamId: input.teamId,
    userId: input.invitedBy,
    action: "member.invited",
    detail: { invitationId: invitation.id, email, role, expiresAt: invitation.expiresAt.toISOString() },
  });
  return { invitation, token };
}

export type InvitationView = Pick<Invitation, "id" | "email" | "role" | "createdAt" | "expiresAt"> & {
  invitedByEmail: string | null;
  expired: boolean;
};

/** The team's invitations still waiting for an answer (expired ones included, marked). */
export async function listPendingInvitations(db: Executor, teamId: string, now = new Date()): Promise<InvitationView[]> {
  const rows = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      invitedByEmail: users.email,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(eq(invitations.teamId, teamId), eq(invitations.status, "pending")))
    .orderBy(desc(invitations.createdAt));
  return rows.map((row) => ({ ...row, expired: row.expiresAt.getTime() <= now.getTime() }));
}

/** Withdraws a pending invitation of this team; null when there is none (another team's id included). */
export async function revokeInvitation(db: Executor, input: { teamId: string; userId: string; invitationId: string; now?: Date }) {
  if (!z.uuid().safeParse(input.invitationId).success) return null;
  const [row] = await db
    .update(invitations)
    .set({ status: "revoked", revokedAt: input.now ?? new Date() })
    .where(and(eq(invitations.id, input.invitationId), eq(invitations.teamId, input.teamId), eq(invitations.status, "pending")))
    .returning();
  if (!row) return null;
  await logActivity(db, {
    teamId: input.teamId,
    userId: input.userId,
    action: "member.invitation_revoked",
    detail: { invitationId: row.id, email: row.email, role: row.role },
  });
  return row;
}

async function findByToken(db: Executor, token: string) {
  if (!token || token.length > 200) return null;
  const [row] = await db
    .select({ invitation: invitations, teamName: teams.name })
    .from(invitations)
    .innerJoin(teams, eq(teams.id, invitations.teamId))
    .where(eq(invitations.tokenHash, hashInviteToken(token)))
    .limit(1);
  return row ?? null;
}

function refusalFor(invitation: Invitation, now: Date): InvitationRefusal | null {
  if (invitation.status === "accepted") return "used";
  if (invitation.status === "revoked") return "revoked";
  if (invitation.expiresAt.getTime() <= now.getTime()) return "expired";
  return null;
}

export type InvitationPreview =
  | { ok: true; teamName: string; email: string; role: MemberRole; expiresAt: Date }
  | { ok: false; reason: InvitationRefusal; message: string };

/** What the sign-up page shows for an invite link, without using it up. */
export async function previewInvitation(db: Executor, token: string, now = new Date()): Promise<InvitationPreview> {
  const found = await findByToken(db, token);
  const reason = found ? refusalFor(found.invitation, now) : "invalid";
  if (!found || reason) return { ok: false, reason: reason ?? "invalid", message: refusalMessages[reason ?? "invalid"] };
  const { invitation } = found;
  return { ok: true, teamName: found.teamName, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt };
}

/**
 * Uses an invitation: the user joins the inviting team with the invited role. Single use: the
 * pending → accepted change is conditional, so two concurrent uses cannot both succeed. Call it in
 * the same transaction as the user's creation so a refusal creates nothing.
 */
export async function acceptInvitation(
  db: Executor,
  input: { token: string; userId: string; email: string; now?: Date },
): Promise<{ teamId: string; teamName: string; role: MemberRole }> {
  const now = input.now ?? new Date();
  const found = await findByToken(db, input.token);
  if (!found) throw new InvitationError("invalid");
  const { invitation } = found;
  const refusal = refusalFor(invitation, now);
  if (refusal) throw new InvitationError(refusal);
  if (invitation.email.toLowerCase() !== input.email.trim().toLowerCase()) throw new InvitationError("email_mismatch");

  const [claimed] = await db
    .update(invitations)
    .set({ status: "accepted", acceptedAt: now })
    .where(
      and(
        eq(invitations.id, invitation.id),
        eq(invitations.status, "pending"),
        sql`${invitations.expiresAt} > ${now.toISOString()}`,
      ),
    )
    .returning({ id: invitations.id });
  if (!claimed) throw new InvitationError("used");

  const joined = await db
    .insert(teamMembers)
    .values({ teamId: invitation.teamId, userId: input.userId, role: invitation.role })
    .onConflictDoNothing()
    .returning();
  if (!joined.length) throw new InvitationError("already_member");
  await logActivity(db, {
    teamId: invitation.teamId,
    userId: input.userId,
    action: "member.joined",
    detail: { invitationId: invitation.id, email: invitation.email, role: invitation.role },
  });
  return { teamId: invitation.teamId, teamName: found.teamName, role: invitation.role };
}

/**
 * An existing account accepts: someone who already has a team of their own joins this one too (and
 * switches between them), or a person removed from the team is invited back. One transaction, so
 * a refusal (already a member, say) leaves the invitation usable.
 */
export async function acceptInvitationAsUser(db: Db, input: { token: string; userId: string; now?: Date }) {
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, input.userId)).limit(1);
    if (!user) throw new InvitationError("invalid");
    return acceptInvitation(tx, { token: input.token, userId: input.userId, email: user.email, now: input.now });
  });
}
