import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { activityLog, invitations, teamMembers, users } from "@/db/schema";
import { EmailTakenError, signUp, signUpWithInvitation } from "@/lib/auth/sign-up";
import { listTeamsOfUser, removeMember } from "@/lib/teams/members";
import {
  acceptInvitationAsUser,
  AlreadyMemberError,
  createInvitation,
  hashInviteToken,
  invitationLifetimeMs,
  InvitationError,
  listPendingInvitations,
  previewInvitation,
  revokeInvitation,
} from "@/lib/teams/invitations";
import { testDb } from "../helpers/db";

const uniqueEmail = (prefix = "u") => `${prefix}-${randomUUID().slice(0, 8)}@shop.test`;
const password = "correct-horse-42";

async function ownerWithTeam() {
  const db = await testDb();
  const { user, team } = await signUp(db, { name: "Olive Owner", teamName: "Olive's Shop", email: uniqueEmail("owner"), password });
  return { db, owner: user, team };
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvitationError);
  return (error as InvitationError).reason;
}

describe("invitations", () => {
  it("stores only a sha256 of the single-use token and expires in 7 days", async () => {
    const { db, owner, team } = await ownerWithTeam();
    const now = new Date("2026-03-01T10:00:00Z");
    const email = uniqueEmail("ivy");
    const { invitation, token } = await createInvitation(db, { teamId: team.id, invitedBy: owner.id, email: email.toUpperCase(), role: "admin", now });
    expect(token.length).toBeGreaterThanOrEqual(40);
    const [row] = await db.select().from(invitations).where(eq(invitations.id, invitation.id));
    expect(row.tokenHash).toBe(hashInviteToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.email).toBe(email);
    expect(row.expiresAt.getTime() - now.getTime()).toBe(invitationLifetimeMs);
    const [logged] = await db.select().from(activityLog).where(and(eq(activityLog.teamId, team.id), eq(activityLog.action, "member.invited")));
    expect(JSON.stringify(logged.detail)).not.toContain(token);
    expect(await listPendingInvitations(db, team.id, now)).toMatchObject([{ id: invitation.id, email, role: "admin", expired: false }]);
  });

  it("lets the invited email sign up into the inviting team with the invited role", async () => {
    const { db, owner, team } = await ownerWithTeam();
    const email = uniqueEmail("ada");
    const { token } = await createInvitation(db, { teamId: team.id, invitedBy: owner.id, email, role: "admin" });
    await expect(previewInvitation(db, token)).resolves.toMatchObject({ ok: true, teamName: "Olive's Shop", email, role: "admin" });

    const { user, team: joined, role } = await signUpWithInvitation(db, { name: "Ada", email, password, invite: token });
    expect(joined).toEqual({ id: team.id, name: "Olive's Shop" });
    expect(role).toBe("admin");
    const memberships = await db.select().from(teamMembers).where(eq(teamMembers.userId, user.id));
    expect(memberships).toEqual([expect.objectContaining({ teamId: team.id, role: "admin" })]);
    const [row] = await db.select().from(invitations).where(eq(invitations.teamId, team.id));
    expect(row).toMatchObject({ status: "accepted" });
    expect(row.acceptedAt).toBeInstanceOf(Date);
    const actions = (await db.select().from(activityLog).where(eq(activityLog.teamId, team.id))).map((r) => r.action);
    expect(actions).toContain("member.joined");
    expect(await listPendingInvitations(db, team.id)).toEqual([]);
  });

  it("refuses a different email and creates no user", async () => {
    const { db, owner, team } = await ownerWithTeam();
    const { token } = await createInvitation(db, { teamId: team.id, invitedBy: owner.id, email: uniqueEmail("right"), role: "member" });
    const wrong = uniqueEmail("wrong");
    expect(await refusal(signUpWithInvitation(db, { name: "Eve", email: wrong, password, invite: token }))).toBe("email_mismatch");
    expect(await db.select().from(users).where(eq(users.email, wrong))).toEqual([]);
    await expect(previewInvitation(db, token)).resolves.toMatchObject({ ok: true });
  });

  it("refuses a token used once already", async () => {
    const { db, owner, team } = await ownerWithTeam();
    const email = uniqueEmail("once");
    const { token } = await createInvitation(db, { teamId: team.id, invitedBy: owner.id, email, role: "member" });
    await signUpWithInvitation(db, { name: "Once", email, password, invite: token });
    await expect(signUpWithInvitation(db, { name: "Twice", email, password, invite: token })).rejects.toBeInstanceOf(EmailTakenError);
    // Even for a fresh email, the used link stays used.
    expect(await refusal(signUpWithInvitation(db, { name: "Other", email: uniqueEmail("other"), password, invite: token }))).toBe("used");
    await expect(previewInvitation(db, token)).resolves.toMatchObject({ ok: false, reason: "used" });
  });

  it("refuses an expired token", async () => {
    const { db, owner, team } = await ownerWithTeam();
    const email = uniqueEmail("late");
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000);
    const { token } = await createInvitation(db, { teamId: team.id, invitedBy: owner.id, email, role: "member", now: eightDaysAgo });
    expect(await refusal(signUpWithInvitation(db, { name: "Late", email, password, invite: token }))).toBe("expired");
    expect(await db.select().from(users).where(eq(users.email, email))).toEqual([]);
    expect(await listPendingInvitations(db, team.id)).toMatchObject([{ email, expired: true }]);
  });

  it("refuses a revoked token, and a replaced one", async () => {
    const { db, owner, team } = await ownerWithTeam();
    const email = uniqueEmail("gone");
    const first = await createInvitation(db, { teamId: team.id, invitedBy: owner.id, email, role: "member" });
    const second = await createInvitation(db, { teamId: team.id, invitedBy: owner.id, email, role: "admin" });
    expect(await refusal(signUpWithInvitation(db, { name: "Gone", email, password, invite: first.token }))).toBe("invalid");
    expect(second.invitation.id).toBe(first.invitation.id);

    expect(await revokeInvitation(db, { teamId: team.id, userId: owner.id, invitationId: second.invitation.id })).toMatchObject({ status: "revoked" });
    expect(await refusal(signUpWithInvitation(db, { name: "Gone", email, password, invite: second.token }))).toBe("revoked");
    expect(await refusal(signUpWithInvitation(db, { name: "Gone", email, password, invite: "made-up-token" }))).toBe("invalid");
    expect(await db.select().from(users).where(eq(users.email, email))).toEqual([]);
  });

  it("cannot revoke another team's invitation", async () => {
    const a = await ownerWithTeam();
    const b = await ownerWithTeam();
    const { invitation, token } = await createInvitation(a.db, { teamId: a.team.id, invitedBy: a.owner.id, email: uniqueEmail(), role: "member" });
    await expect(revokeInvitation(b.db, { teamId: b.team.id, userId: b.owner.id, invitationId: invitation.id })).resolves.toBeNull();
    await expect(revokeInvitation(b.db, { teamId: b.team.id, userId: b.owner.id, invitationId: "not-a-uuid" })).resolves.toBeNull();
    await expect(previewInvitation(a.db, token)).resolves.toMatchObject({ ok: true });
  });

  it("refuses to invite someone who is already a member, or to grant ownership", async () => {
    const { db, owner, team } = await ownerWithTeam();
    await expect(createInvitation(db, { teamId: team.id, invitedBy: owner.id, email: owner.email, role: "member" })).rejects.toBeInstanceOf(AlreadyMemberError);
    await expect(
      createInvitation(db, { teamId: team.id, invitedBy: owner.id, email: uniqueEmail(), role: "owner" as "admin" }),
    ).rejects.toThrow();
  });

  it("lets an existing account without a team accept by signing in (a removed member invited back)", async () => {
    const { db, owner, team } = await ownerWithTeam();
    const email = uniqueEmail("back");
    const first = await createInvitation(db, { teamId: team.id, invitedBy: owner.id, email, role: "member" });
    const { user } = await signUpWithInvitation(db, { name: "Back", email, password, invite: first.token });
    await removeMember(db, { teamId: team.id, actor: { userId: owner.id, role: "owner" }, userId: user.id });
    expect(await db.select().from(teamMembers).where(eq(teamMembers.userId, user.id))).toEqual([]);

    const again = await createInvitation(db, { teamId: team.id, invitedBy: owner.id, email, role: "admin" });
    await expect(signUpWithInvitation(db, { name: "Back", email, password, invite: again.token })).rejects.toBeInstanceOf(EmailTakenError);
    await expect(acceptInvitationAsUser(db, { token: again.token, userId: user.id })).resolves.toMatchObject({ teamId: team.id, role: "admin" });
    expect(await refusal(acceptInvitationAsUser(db, { token: again.token, userId: user.id }))).toBe("used");
  });

  it("lets the owner of another team join too, once, and refuses an account whose email differs", async () => {
    const a = await ownerWithTeam();
    const b = await ownerWithTeam();
    const { token } = await createInvitation(a.db, { teamId: a.team.id, invitedBy: a.owner.id, email: b.owner.email, role: "member" });
    const other = await createInvitation(a.db, { teamId: a.team.id, invitedBy: a.owner.id, email: uniqueEmail("x"), role: "member" });
    expect(await refusal(acceptInvitationAsUser(a.db, { token: other.token, userId: b.owner.id }))).toBe("email_mismatch");
    expect(await countMembers(a)).toBe(1);

    await expect(acceptInvitationAsUser(a.db, { token, userId: b.owner.id })).resolves.toMatchObject({ teamId: a.team.id, role: "member" });
    expect((await listTeamsOfUser(a.db, b.owner.id)).map((t) => [t.id, t.role]).sort()).toEqual(
      [
        [a.team.id, "member"],
        [b.team.id, "owner"],
      ].sort(),
    );
    expect(await refusal(acceptInvitationAsUser(a.db, { token, userId: b.owner.id }))).toBe("used");
    expect(await countMembers(a)).toBe(2);
  });
});

async function countMembers(ctx: Awaited<ReturnType<typeof ownerWithTeam>>) {
  return (await ctx.db.select().from(teamMembers).where(eq(teamMembers.teamId, ctx.team.id))).length;
}
