import { describe, expect, it } from "vitest";
import { activityLog } from "@/db/schema";
import { signUp } from "@/lib/auth/sign-up";
import { listActivity, listActivityActions, listActivityUsers, parseActivityFilter, startOfDayIn } from "@/lib/queries/activity";
import { describeActivity } from "@/components/activity/describe";
import { testDb } from "../helpers/db";

async function teamWithLog() {
  const db = await testDb();
  const suffix = Math.random().toString(36).slice(2, 10);
  const { user, team } = await signUp(db, { name: "Lee", teamName: "Log Shop", email: `lee-${suffix}@shop.test`, password: "correct-horse-42" });
  // team.created is already there (id order = time order); add a day-by-day history in London.
  const entries = [
    { action: "settings.updated", at: "2026-03-28T23:30:00Z", userId: user.id, detail: { changed: ["timeZone"] } },
    { action: "member.invited", at: "2026-03-29T00:30:00Z", userId: user.id, detail: { email: "a@shop.test", role: "admin" } },
    { action: "workflow.run_requested", at: "2026-03-29T22:59:00Z", userId: null, detail: { workflow: "extract", trigger: "schedule" } },
    { action: "workflow.run_requested", at: "2026-03-29T23:01:00Z", userId: null, detail: { workflow: "promote", trigger: "schedule" } },
    { action: "settings.updated", at: "2026-03-30T10:00:00Z", userId: user.id, detail: { changed: ["storeLocation", "lists.volume"] } },
  ];
  for (const e of entries) {
    await db.insert(activityLog).values({ teamId: team.id, userId: e.userId, action: e.action, detail: e.detail, createdAt: new Date(e.at) });
  }
  return { db, team, user };
}

describe("activity log queries", () => {
  it("finds the start of a local day across a DST change", () => {
    expect(startOfDayIn("2026-03-29", "Europe/London").toISOString()).toBe("2026-03-29T00:00:00.000Z");
    expect(startOfDayIn("2026-03-30", "Europe/London").toISOString()).toBe("2026-03-29T23:00:00.000Z");
    expect(startOfDayIn("2026-01-15", "America/New_York").toISOString()).toBe("2026-01-15T05:00:00.000Z");
    expect(startOfDayIn("2026-01-15", "Asia/Kolkata").toISOString()).toBe("2026-01-14T18:30:00.000Z");
  });

  it("pages by keyset both ways without gaps or repeats", async () => {
    const { db, team } = await teamWithLog();
    const first = await listActivity(db, team.id, { limit: 2 });
    expect(first.rows.map((r) => r.action)).toEqual(["settings.updated", "workflow.run_requested"]);
    expect(first.newerCursor).toBeNull();
    const second = await listActivity(db, team.id, { limit: 2, beforeId: first.olderCursor! });
    const third = await listActivity(db, team.id, { limit: 2, beforeId: second.olderCursor! });
    expect(third.olderCursor).toBeNull();
    const all = [...first.rows, ...second.rows, ...third.rows].map((r) => r.id);
    expect(all).toHaveLength(6);
    expect(new Set(all).size).toBe(6);
    expect([...all].sort((a, b) => b - a)).toEqual(all);
    const back = await listActivity(db, team.id, { limit: 2, afterId: third.newerCursor! });
    expect(back.rows.map((r) => r.id)).toEqual(second.rows.map((r) => r.id));
    const top = await listActivity(db, team.id, { limit: 2, afterId: back.newerCursor! });
    expect(top.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(top.newerCursor).toBeNull();
  });

  it("filters by kind, exact action, user, system and local dates", async () => {
    const { db, team, user } = await teamWithLog();
    const actions = async (filter: Parameters<typeof listActivity>[2]) =>
      (await listActivity(db, team.id, { timeZone: "Europe/London", ...filter })).rows.map((r) => r.action);
    expect(await actions({ action: "settings." })).toEqual(["settings.updated", "settings.updated"]);
    expect(await actions({ action: "member.invited" })).toEqual(["member.invited"]);
    expect(await actions({ action: "member." })).toEqual(["member.invited"]);
    expect(await actions({ user: "system" })).toEqual(["workflow.run_requested", "workflow.run_requested"]);
    expect((await actions({ user: user.id })).length).toBe(4);
    // 29 March in London: 00:00 GMT to 23:00 UTC (clocks go forward at 01:00).
    expect(await actions({ from: "2026-03-29", to: "2026-03-29" })).toEqual(["workflow.run_requested", "member.invited"]);
    expect(await actions({ from: "2026-03-30" })).toContain("workflow.run_requested");
    expect(await listActivityActions(db, team.id)).toEqual(["member.invited", "settings.updated", "team.created", "workflow.run_requested"]);
    expect((await listActivityUsers(db, team.id)).map((u) => u.id)).toEqual([user.id]);
  });

  it("never shows another team's entries", async () => {
    const a = await teamWithLog();
    const b = await teamWithLog();
    const rows = (await listActivity(b.db, b.team.id, { limit: 200 })).rows;
    expect(rows).toHaveLength(6);
    const aIds = new Set((await listActivity(a.db, a.team.id, { limit: 200 })).rows.map((r) => r.id));
    expect(rows.some((r) => aIds.has(r.id))).toBe(false);
  });

  it("reads the query string leniently and describes entries without secrets", () => {
    expect(parseActivityFilter({ action: "member.", user: "nope", from: "2026-02-30x", to: "2026-03-01", before: "-3", after: "12" })).toEqual({
      action: "member.",
      user: undefined,
      from: undefined,
      to: "2026-03-01",
      before: undefined,
      after: 12,
    });
    expect(parseActivityFilter({ action: "x%' or 1=1" }).action).toBeUndefined();
    expect(describeActivity("settings.updated", { changed: ["timeZone", "schedules.promote.cron"] })).toEqual({
      title: "Changed 2 workflow settings",
      details: ["time zone", "Promote schedule"],
    });
    const unknown = describeActivity("billing.card_added", { apiKey: "sk_live_123", accessToken: "t", last4: "4242", cardId: "x" });
    expect(unknown.title).toBe("Billing card added");
    expect(JSON.stringify(unknown)).not.toMatch(/sk_live|"t"|cardId/);
    expect(unknown.details).toEqual(["last4: 4242"]);
  });
});
