import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { activityLog, teamMembers } from "@/db/schema";
import { signUp, signUpWithInvitation } from "@/lib/auth/sign-up";
import { createInvitation } from "@/lib/teams/invitations";
import { changeMemberRole, listMembers, MemberError, removeMember } from "@/lib/teams/members";
import { testDb } from "../helpers/db";

const uniqueEmail = (prefix = "u") => `${prefix}-${randomUUID().slice(0, 8)}@shop.test`;
const password = "correct-horse-42";

async function teamWith(db: Db, ...roles: ("admin" | "member")[]) {
  const { user: owner, team } = await signUp(db, { name: "Owner", teamName: "Shop", email: uniqueEmail("owner"), password });
  const others = [];
  for (const role of roles) {
    const email = uniqueEmail(role);
    const { token } = await createInvitation(db, { teamId: team.id, invitedBy: owner.id, email, role });
    const { user } = await signUpWithInvitation(db, { name: role, email, password, invite: token });
    others.push(user);
  }
  return { team, owner, others };
}

async function reason(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MemberError);
  return (error as MemberError).reason;
}

describe("team members", () => {
  it("lists members with their roles, owners first", async () => {
    const db = await testDb();
    const { team, owner, others } = await teamWith(db, "member", "admin");
    const members = await listMembers(db, team.id);
    expect(members.map((m) => [m.userId, m.role])).toEqual([
      [owner.id, "owner"],
      [others[1].id, "admin"],
      [others[0].id, "member"],
    ]);
  });

  it("never removes the last owner, not even by themselves", async () => {
    const db = await testDb();
    const { team, owner, others } = await teamWith(db, "admin");
    const ownerActor = { userId: owner.id, role: "owner" as const };
    expect(await reason(removeMember(db, { teamId: team.id, actor: ownerActor, userId: owner.id }))).toBe("last_owner");
    expect(await reason(changeMemberRole(db, { teamId: team.id, actor: ownerActor, userId: owner.id, role: "admin" }))).toBe("last_owner");
    // An admin cannot remove an owner at all.
    expect(await reason(removeMember(db, { teamId: team.id, actor: { userId: others[0].id, role: "admin" }, userId: owner.id }))).toBe("forbidden");
    expect((await listMembers(db, team.id)).find((m) => m.userId === owner.id)?.role).toBe("owner");

    // With a second owner, the first may step down or leave.
    await changeMemberRole(db, { teamId: team.id, actor: ownerActor, userId: others[0].id, role: "owner" });
    await removeMember(db, { teamId: team.id, actor: ownerActor, userId: owner.id });
    expect((await listMembers(db, team.id)).map((m) => [m.userId, m.role])).toEqual([[others[0].id, "owner"]]);
  });

  it("removes a member and logs who did it", async () => {
    const db = await testDb();
    const { team, owner, others } = await teamWith(db, "member", "admin");
    await removeMember(db, { teamId: team.id, actor: { userId: others[1].id, role: "admin" }, userId: others[0].id });
    expect((await listMembers(db, team.id)).map((m) => m.userId)).not.toContain(others[0].id);
    const [logged] = await db.select().from(activityLog).where(and(eq(activityLog.teamId, team.id), eq(activityLog.action, "member.removed")));
    expect(logged).toMatchObject({ userId: others[1].id, detail: { memberId: others[0].id, role: "member" } });
    expect(owner.id).toBeTruthy();
  });

  it("changes roles (owners only) and logs the change", async () => {
    const db = await testDb();
    const { team, owner, others } = await teamWith(db, "member", "admin");
    expect(
      await reason(changeMemberRole(db, { teamId: team.id, actor: { userId: others[1].id, role: "admin" }, userId: others[0].id, role: "admin" })),
    ).toBe("forbidden");
    await expect(
      changeMemberRole(db, { teamId: team.id, actor: { userId: owner.id, role: "owner" }, userId: others[0].id, role: "admin" }),
    ).resolves.toMatchObject({ changed: true, from: "member", to: "admin" });
    const [row] = await db.select().from(teamMembers).where(eq(teamMembers.userId, others[0].id));
    expect(row.role).toBe("admin");
    const [logged] = await db.select().from(activityLog).where(and(eq(activityLog.teamId, team.id), eq(activityLog.action, "member.role_changed")));
    expect(logged.detail).toMatchObject({ from: "member", to: "admin" });
  });

  it("does not find another team's member", async () => {
    const db = await testDb();
    const a = await teamWith(db, "member");
    const b = await teamWith(db);
    const bOwner = { userId: b.owner.id, role: "owner" as const };
    expect(await reason(removeMember(db, { teamId: b.team.id, actor: bOwner, userId: a.others[0].id }))).toBe("not_found");
    expect(await reason(removeMember(db, { teamId: b.team.id, actor: bOwner, userId: a.owner.id }))).toBe("not_found");
    expect(await reason(changeMemberRole(db, { teamId: b.team.id, actor: bOwner, userId: a.others[0].id, role: "admin" }))).toBe("not_found");
    expect(await reason(removeMember(db, { teamId: b.team.id, actor: bOwner, userId: "not-a-uuid" }))).toBe("not_found");
    expect((await listMembers(db, a.team.id)).length).toBe(2);
  });
});
