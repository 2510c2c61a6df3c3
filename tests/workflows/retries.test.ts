import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { promotionActions } from "@/db/schema";
import { extractTeamRun } from "@/inngest/extract-team-run";
import { promoteTeamRun } from "@/inngest/promote-team-run";
import { createRun, getRun } from "@/lib/workflows/runs";
import type { RunningSandbox } from "@/sandbox/server";
import { testDb } from "../helpers/db";
import { AT, listAndCounters, sandboxState, setUpSandboxTeam, vendorSnapshot } from "./helpers";

let db: Db;
let sandbox: RunningSandbox;
let teamId: string;

beforeAll(async () => {
  db = await testDb();
  const setup = await setUpSandboxTeam(db, { demo: false });
  sandbox = setup.sandbox;
  teamId = setup.team.id;
});

afterAll(async () => {
  await sandbox?.close();
});

async function everything() {
  return { ...(await listAndCounters(db, teamId)), vendors: vendorSnapshot(await sandboxState(sandbox)) };
}

const eventFor = (workflow: "extract" | "promote", runId: string) =>
  ({ name: `workflow/${workflow}.run-requested`, data: { teamId, runId, trigger: "test" } }) as const;

describe("a step executed twice (as after a retry) changes nothing the second time", () => {
  it("extract: the orders page run again leaves the same list, counters and contacts", async () => {
    const run = await createRun(db, { teamId, workflow: "extract", trigger: "test", mode: "inngest", at: AT });
    const first = await new InngestTestEngine({ function: extractTeamRun, events: [eventFor("extract", run.id)] }).execute();
    expect(first.result).toMatchObject({ runId: run.id, counts: { added: 7, pages: 1 } });
    expect(await getRun(db, run.id)).toMatchObject({ status: "succeeded", mode: "inngest" });
    const once = await everything();
    await new InngestTestEngine({ function: extractTeamRun, events: [eventFor("extract", run.id)] }).executeStep("orders-page-1");
    expect(await everything()).toEqual(once);
  });

  it("promote: the customers page run again sends no second task and no second list add", async () => {
    const run = await createRun(db, { teamId, workflow: "promote", trigger: "test", mode: "inngest", at: AT });
    const first = await new InngestTestEngine({ function: promoteTeamRun, events: [eventFor("promote", run.id)] }).execute();
    expect(first.result).toMatchObject({ runId: run.id, counts: { promoted_premium: 1, promoted_volume: 1, promoted_today: 1, promoted_seven_day: 1 } });
    const once = await everything();
    expect(once.vendors.hubspotTasks).toHaveLength(1);
    const again = await new InngestTestEngine({ function: promoteTeamRun, events: [eventFor("promote", run.id)] }).executeStep("customers-page-1");
    expect(again.result).toBeDefined();
    expect(await everything()).toEqual(once);
  });

  it("promote: an intent left pending after the vendor accepted the call is resolved, not sent again", async () => {
    // As if the step crashed after HubSpot/ActiveCampaign accepted the calls but before they were marked done.
    await db.update(promotionActions).set({ status: "pending", externalIds: {}, completedAt: null }).where(eq(promotionActions.teamId, teamId));
    const before = await everything();
    const run = await createRun(db, { teamId, workflow: "promote", trigger: "retry", mode: "inngest", at: AT });
    await new InngestTestEngine({ function: promoteTeamRun, events: [eventFor("promote", run.id)] }).execute();
    const after = await everything();
    expect(after.vendors.acMemberships).toEqual(before.vendors.acMemberships);
    expect(after.vendors.acContacts).toEqual(before.vendors.acContacts);
    const actions = await db.select().from(promotionActions).where(eq(promotionActions.teamId, teamId));
    expect(actions.every((a) => a.status === "done")).toBe(true);
    // HubSpot task search (POST /crm/v3/objects/tasks/search) finds the task by the marker in its
    // body when the vendor supports it; without it the task is re-created (documented at-least-once).
    const supportsTaskSearch = after.vendors.hubspotTasks.length === before.vendors.hubspotTasks.length;
    if (supportsTaskSearch) {
      expect(actions.find((a) => a.action === "hubspot_task")?.externalIds).toMatchObject({ resolvedBy: "search" });
    } else {
      expect(after.vendors.hubspotTasks.length).toBe(before.vendors.hubspotTasks.length + 1);
    }
  });
});
