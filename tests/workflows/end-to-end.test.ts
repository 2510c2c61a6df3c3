import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { promotionActions, quarantinedRecords, workflowRunSteps } from "@/db/schema";
import type { RunningSandbox } from "@/sandbox/server";
import { listActionHistory } from "@/lib/queries/promotions";
import { getRunWithDetails, listRecentRuns, previewPromotionDecisions } from "@/lib/workflows/queries";
import { runWorkflowNow } from "@/lib/workflows/start-run";
import { testDb } from "../helpers/db";
import { AT, listAndCounters, sandboxState, setUpSandboxTeam, vendorSnapshot } from "./helpers";

let db: Db;
let sandbox: RunningSandbox;
let teamId: string;

beforeAll(async () => {
  db = await testDb();
  const setup = await setUpSandboxTeam(db, { pageSize: 50 });
  sandbox = setup.sandbox;
  teamId = setup.team.id;
});

afterAll(async () => {
  await sandbox?.close();
});

const run = (workflow: "extract" | "promote" | "expire", at = AT, dryRun = false) =>
  runWorkflowNow({ db, teamId, workflow, trigger: "test", at, dryRun });

describe("extract -> promote -> promote again -> expire, over real HTTP against the sandbox", () => {
  it("extract adds London people's orders, counts what it filtered and quarantines bad records", async () => {
    const result = await run("extract");
    expect(result.error).toBeUndefined();
    expect(result.status).toBe("succeeded");
    const c = result.counts;
    expect(c.fetched).toBeGreaterThan(50); // more than one page of 50
    expect(c.pages).toBeGreaterThan(1);
    expect(c.fetched).toBe((c.kept ?? 0) + (c.filtered_company ?? 0) + (c.filtered_location ?? 0) + (c.quarantined ?? 0));
    expect(c.added).toBe(c.kept);
    expect(c.filtered_company).toBeGreaterThanOrEqual(1);
    expect(c.filtered_location).toBeGreaterThanOrEqual(1);

    const { list } = await listAndCounters(db, teamId);
    const keys = list.map((r) => r.key);
    expect(keys).toEqual(expect.arrayContaining(["NetSuite-EDGE-VIP1", "NetSuite-EDGE-VIP2", "NetSuite-EDGE-TODAY", "NetSuite-EDGE-OPTOUT"]));
    for (const excluded of ["EDGE-COMPANY", "EDGE-MAN", "EDGE-NOEMAIL", "EDGE-UNKNOWN"]) expect(keys).not.toContain(`NetSuite-${excluded}`);
    const vip1 = list.find((r) => r.key === "NetSuite-EDGE-VIP1")!;
    expect(vip1.data).toMatchObject({
      "Contact Name": "Vip Edge",
      "Email Address": "vip@edge.example",
      "Date Of Purchase": "2026-06-25",
      "Purchase Amount": "700.25",
      Reference: "NetSuite-EDGE-VIP1",
      "Subscription Status": "Soft Opt-In",
    });

    const quarantined = await db.select().from(quarantinedRecords).where(eq(quarantinedRecords.teamId, teamId));
    const reasons = Object.fromEntries(quarantined.map((q) => [q.externalId, q.reason]));
    expect(reasons["EDGE-NOEMAIL"]).toMatch(/no email/);
    expect(reasons["EDGE-UNKNOWN"]).toMatch(/Unknown customer/);
    const detail = await getRunWithDetails(db, teamId, result.runId);
    expect(detail?.quarantined.length).toBe(quarantined.length);
    expect(detail?.steps.map((s) => s.stepId)).toEqual(expect.arrayContaining(["plan", "orders-page-1", "orders-page-2"]));

    // Every customer on the list exists exactly once in HubSpot and ActiveCampaign.
    const state = await sandboxState(sandbox);
    const emails = [...new Set(list.map((r) => String(r.data["Email Address"])))];
    const hs = state.hubspot.contacts.map((x) => (x.properties.email ?? "").toLowerCase());
    const ac = state.activecampaign.contacts.map((x) => x.email.toLowerCase());
    for (const email of emails) {
      expect(hs.filter((e) => e === email)).toHaveLength(1);
      expect(ac.filter((e) => e === email)).toHaveLength(1);
    }
    expect(c.hubspot_contacts_created).toBe(emails.length);
  });

  it("a second extract at the same clock finds nothing new and adds nothing", async () => {
    const before = await listAndCounters(db, teamId);
    const result = await run("extract");
    expect(result.status).toBe("succeeded");
    expect(result.counts.added ?? 0).toBe(0);
    expect(await listAndCounters(db, teamId)).toEqual(before);
  });

  it("a dry-run promote returns the decisions and writes nothing", async () => {
    const before = vendorSnapshot(await sandboxState(sandbox));
    const listBefore = await listAndCounters(db, teamId);
    const result = await run("promote", AT, true);
    expect(result.status).toBe("succeeded");
    const byEmail = Object.fromEntries((result.decisions ?? []).map((d) => [d.email, d]));
    expect(byEmail["vip@edge.example"]).toMatchObject({ rule: "premium", totalAmount: "1200.50", orderCount: 2 });
    expect(byEmail["repeat@edge.example"]).toMatchObject({ rule: "volume" });
    expect(byEmail["today@edge.example"]).toMatchObject({ rule: "today" });
    expect(byEmail["week@edge.example"]).toMatchObject({ rule: "seven_day" });
    expect(byEmail["optout@edge.example"]).toMatchObject({ rule: "opted_out" });
    expect(vendorSnapshot(await sandboxState(sandbox))).toEqual(before);
    expect(await listAndCounters(db, teamId)).toEqual(listBefore);
    expect(await db.select().from(promotionActions).where(eq(promotionActions.teamId, teamId))).toHaveLength(0);
    const preview = await previewPromotionDecisions(db, teamId, { at: AT, limit: 1000 });
    expect(preview.today).toBe("2026-07-01");
    expect(preview.decisions.map((d) => d.rule).sort()).toEqual((result.decisions ?? []).map((d) => d.rule).sort());
  });

  it("promote applies the first matching rule per customer and records why", async () => {
    const result = await run("promote");
    expect(result.error).toBeUndefined();
    expect(result.counts.promoted_premium).toBeGreaterThanOrEqual(1);
    expect(result.counts.rule_opted_out).toBeGreaterThanOrEqual(1);
    const state = await sandboxState(sandbox);
    const hsVip = state.hubspot.contacts.find((x) => x.properties.email === "vip@edge.example")!;
    const vipTasks = state.hubspot.tasks.filter((t) => t.associations.contacts.map(String).includes(String(hsVip.id)));
    expect(vipTasks).toHaveLength(1);
    expect(vipTasks[0].properties.hs_task_priority).toBe("HIGH");
    expect(vipTasks[0].properties.hs_task_subject).toContain("Vip Edge");

    const listNamed = (name: string) => state.activecampaign.lists.find((l) => l.name === name)!;
    const members = (name: string) =>
      state.activecampaign.contactLists
        .filter((m) => String(m.list) === String(listNamed(name).id))
        .map((m) => state.activecampaign.contacts.find((x) => String(x.id) === String(m.contact))?.email);
    expect(members("Volume Promotion")).toContain("repeat@edge.example");
    expect(members("Today Promotion")).toContain("today@edge.example");
    expect(members("Seven Day Promotion")).toContain("week@edge.example");
    const everyMember = state.activecampaign.contactLists.map((m) => state.activecampaign.contacts.find((x) => String(x.id) === String(m.contact))?.email);
    expect(everyMember).not.toContain("optout@edge.example");
    const hsOptout = state.hubspot.contacts.find((x) => x.properties.email === "optout@edge.example")!;
    expect(state.hubspot.tasks.some((t) => t.associations.contacts.map(String).includes(String(hsOptout.id)))).toBe(false);
    expect(result.counts.promoted_premium).toBe(state.hubspot.tasks.length);

    const { list } = await listAndCounters(db, teamId);
    expect(String(list.find((r) => r.key === "NetSuite-EDGE-VIP2")!.data.Promotion)).toMatch(/^2026-07-01: Premium/);
    expect(String(list.find((r) => r.key === "NetSuite-EDGE-OPTOUT")!.data.Promotion)).toMatch(/Not promoted: subscription status is Confirmed Opt-Out/);
    const actions = await db.select().from(promotionActions).where(eq(promotionActions.teamId, teamId));
    expect(actions.every((a) => a.status === "done")).toBe(true);
    expect(actions.find((a) => a.customerEmail === "vip@edge.example")).toMatchObject({
      action: "hubspot_task",
      rule: "premium",
      externalIds: { hubspotTaskId: vipTasks[0].id },
    });
    const history = await listActionHistory(db, teamId, { limit: 2 });
    expect(history.actions).toHaveLength(2);
    expect(history.nextCursor).not.toBeNull();
  });

  it("promote again the same day creates no second task and no second list membership", async () => {
    const before = vendorSnapshot(await sandboxState(sandbox));
    const actionsBefore = await db.select().from(promotionActions).where(eq(promotionActions.teamId, teamId));
    const result = await run("promote", new Date(AT.getTime() + 3 * 3_600_000));
    expect(result.status).toBe("succeeded");
    expect(result.counts.promoted ?? 0).toBe(0);
    expect(result.counts.already_promoted).toBe(actionsBefore.length);
    expect(vendorSnapshot(await sandboxState(sandbox))).toEqual(before);
  });

  it("the next day the premium task is not repeated (retention window) but list rules apply to the new day", async () => {
    const before = await sandboxState(sandbox);
    const result = await run("promote", new Date(AT.getTime() + 86_400_000));
    expect(result.status).toBe("succeeded");
    const after = await sandboxState(sandbox);
    expect(after.hubspot.tasks.length).toBe(before.hubspot.tasks.length);
    const vipActions = await db
      .select()
      .from(promotionActions)
      .where(and(eq(promotionActions.teamId, teamId), eq(promotionActions.customerEmail, "vip@edge.example")));
    expect(vipActions).toHaveLength(1);
  });

  it("expire fifteen days later removes every record and counter, and running it again changes nothing", async () => {
    const later = new Date(AT.getTime() + 15 * 86_400_000);
    const result = await run("expire", later);
    expect(result.status).toBe("succeeded");
    expect(result.counts.expired).toBeGreaterThan(0);
    expect(await listAndCounters(db, teamId)).toEqual({ list: [], counts: [] });
    const again = await run("expire", later);
    expect(again.counts.expired).toBe(0);
    const runs = await listRecentRuns(db, teamId, { workflow: "expire" });
    expect(runs.map((r) => r.status)).toEqual(["succeeded", "succeeded"]);
    const steps = await db.select().from(workflowRunSteps).where(eq(workflowRunSteps.runId, result.runId));
    expect(steps.every((s) => s.status === "succeeded")).toBe(true);
  });
});
