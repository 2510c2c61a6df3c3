import { InngestTestEngine } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { counters, storedObjects, workflowRunSteps, workflowRuns } from "@/db/schema";
import { inngest } from "@/inngest/client";
import { expireSchedule } from "@/inngest/expire-schedule";
import { expireTeamRun } from "@/inngest/expire-team-run";
import { extractSchedule } from "@/inngest/extract-schedule";
import { markTeamRunFailed } from "@/inngest/team-run-function";
import { promoteSchedule } from "@/inngest/promote-schedule";
import { addOrdersToPromotionList } from "@/lib/storage/promotion-list";
import { createRun, getRun } from "@/lib/workflows/runs";
import { makeTeam, testDb } from "../helpers/db";

const record = (n: number, date: string, email = `c${n % 7}@example.com`) => ({
  key: `NetSuite-SO${n}`,
  contactName: `Customer ${n % 7}`,
  email,
  dateOfPurchase: date,
  purchaseAmount: "10.25",
  subscriptionStatus: "Soft Opt-In",
});

async function listState(teamId: string) {
  const db = await testDb();
  const list = (await db.select({ key: storedObjects.key }).from(storedObjects).where(eq(storedObjects.teamId, teamId))).map((r) => r.key).sort();
  const counts = (await db.select().from(counters).where(eq(counters.teamId, teamId)))
    .map((c) => `${c.storeId}:${c.groupKey}=${Number(c.value)}`)
    .sort();
  return { list, counts };
}

// No Inngest server in tests: the fan-out's sendEvent step is mocked and its arguments asserted.
const sendMocked = () => [{ id: "fan-out", handler: () => ({ ids: [] }) }];

describe("schedule fan-out", () => {
  it("sends one run-requested event per team whose own schedule is due this hour, deduplicated per local day", async () => {
    const db = await testDb();
    const london = await makeTeam(db);
    const newYork = await makeTeam(db, { timeZone: "America/New_York" });
    const disabled = await makeTeam(db, { schedules: { extract: { enabled: false } } });
    // 05:10 UTC on 1 July is 06:10 in London (BST): the default 06:00 extract is due there only.
    const t = new InngestTestEngine({ function: extractSchedule });
    const { result, ctx } = await t.execute({
      events: [{ name: "inngest/scheduled.timer", data: { cron: "TZ=UTC 0 * * * *" }, ts: Date.parse("2026-07-01T05:10:00Z") }],
      steps: sendMocked(),
    });
    expect(result).toMatchObject({ teams: expect.any(Number) });
    expect(ctx.step.sendEvent).toHaveBeenCalledTimes(1);
    const sent = (ctx.step.sendEvent as unknown as { mock: { calls: [string, { id: string; name: string; data: { teamId: string } }[]][] } }).mock.calls[0][1];
    const teamIds = sent.map((e) => e.data.teamId);
    expect(teamIds).toContain(london.id);
    expect(teamIds).not.toContain(newYork.id);
    expect(teamIds).not.toContain(disabled.id);
    const event = sent.find((e) => e.data.teamId === london.id)!;
    expect(event).toMatchObject({
      id: `extract-${london.id}-2026-07-01`,
      name: "workflow/extract.run-requested",
      data: { teamId: london.id, trigger: "schedule", at: "2026-07-01T05:00:00.000Z" },
    });
  });

  it("uses each team's own cron and zone: New York's 06:00 promote is 10:00 UTC in summer", async () => {
    const db = await testDb();
    const newYork = await makeTeam(db, { timeZone: "America/New_York", schedules: { promote: { cron: "0 6 * * *" } } });
    const run = (iso: string) =>
      new InngestTestEngine({ function: promoteSchedule }).execute({
        events: [{ name: "inngest/scheduled.timer", data: { cron: "TZ=UTC 0 * * * *" }, ts: Date.parse(iso) }],
        steps: sendMocked(),
      });
    const teamsIn = (out: Awaited<ReturnType<typeof run>>) =>
      ((out.ctx.step.sendEvent as unknown as { mock: { calls: [string, { data: { teamId: string } }[]][] } }).mock.calls[0]?.[1] ?? []).map((e) => e.data.teamId);
    expect(teamsIn(await run("2026-07-01T10:00:00Z"))).toContain(newYork.id);
    expect(teamsIn(await run("2026-07-01T09:00:00Z"))).not.toContain(newYork.id);
  });
});

describe("expire team run", () => {
  it("pages through expired records until none is left, mirrors the run, and a second run changes nothing", async () => {
    const db = await testDb();
    const team = await makeTeam(db, { pageSize: 2 });
    await addOrdersToPromotionList(db, team.id, [
      record(1, "2026-06-01"),
      record(2, "2026-06-02"),
      record(3, "2026-06-03"),
      record(4, "2026-06-16"), // exactly 15 days before 1 July: expired
      record(5, "2026-06-17"), // 14 days: kept
      record(6, "2026-07-01"),
    ]);
    const run = await createRun(db, { teamId: team.id, workflow: "expire", trigger: "test", mode: "inngest", at: new Date("2026-07-01T01:00:00Z") });
    const event = { name: "workflow/expire.run-requested", data: { teamId: team.id, runId: run.id, trigger: "test" } } as const;
    const t = new InngestTestEngine({ function: expireTeamRun, events: [event] });
    const { result, ctx } = await t.execute();
    expect(result).toMatchObject({ runId: run.id, counts: { expired: 4, pages: 3 } });
    expect(ctx.step.run).toHaveBeenCalledWith("expire-page-1", expect.any(Function));
    expect(ctx.step.run).toHaveBeenCalledWith("expire-page-3", expect.any(Function));
    expect(ctx.step.run).not.toHaveBeenCalledWith("expire-page-4", expect.any(Function));
    expect((await listState(team.id)).list).toEqual(["NetSuite-SO5", "NetSuite-SO6"]);
    const mirrored = await getRun(db, run.id);
    expect(mirrored).toMatchObject({ status: "succeeded", counts: { expired: 4, pages: 3 } });
    const steps = await db.select().from(workflowRunSteps).where(eq(workflowRunSteps.runId, run.id));
    expect(steps.map((s) => s.stepId).sort()).toEqual(["expire-page-1", "expire-page-2", "expire-page-3"]);
    expect(steps.every((s) => s.status === "succeeded")).toBe(true);

    const before = await listState(team.id);
    const again = await new InngestTestEngine({ function: expireTeamRun, events: [event] }).execute();
    expect(again.result).toMatchObject({ counts: { expired: 0 } });
    expect(await listState(team.id)).toEqual(before);
  });

  it("a page step executed twice (as after a retry) leaves the same list and counters", async () => {
    const db = await testDb();
    const team = await makeTeam(db, { pageSize: 1000 });
    await addOrdersToPromotionList(db, team.id, [record(1, "2026-06-01"), record(2, "2026-06-20"), record(8, "2026-06-01", "c1@example.com")]);
    const run = await createRun(db, { teamId: team.id, workflow: "expire", trigger: "test", mode: "inngest", at: new Date("2026-07-01T01:00:00Z") });
    const event = { name: "workflow/expire.run-requested", data: { teamId: team.id, runId: run.id, trigger: "test" } } as const;
    await new InngestTestEngine({ function: expireTeamRun, events: [event] }).executeStep("expire-page-1");
    const once = await listState(team.id);
    await new InngestTestEngine({ function: expireTeamRun, events: [event] }).executeStep("expire-page-1");
    expect(await listState(team.id)).toEqual(once);
    expect(once.list).toEqual(["NetSuite-SO2"]);
    const [step] = await db.select().from(workflowRunSteps).where(and(eq(workflowRunSteps.runId, run.id), eq(workflowRunSteps.stepId, "expire-page-1")));
    expect(step.attempts).toBe(2);
  });

  it("onFailure marks the mirrored run failed with its reason", async () => {
    const db = await testDb();
    const team = await makeTeam(db);
    const run = await createRun(db, { teamId: team.id, workflow: "expire", trigger: "manual", mode: "inngest", at: new Date() });
    const failure = inngest.createFunction(
      { id: "test-expire-failure", triggers: [{ event: "inngest/function.failed" }] },
      ({ event }) => markTeamRunFailed({ event: event as never }),
    );
    const t = new InngestTestEngine({
      function: failure,
      events: [
        {
          name: "inngest/function.failed",
          data: {
            function_id: "composable-commerce-stack-expire-team-run",
            run_id: "01HXTESTRUN",
            error: { name: "Error", message: "HubSpot is not connected" },
            event: { name: "workflow/expire.run-requested", data: { teamId: team.id, runId: run.id, trigger: "manual" } },
          },
        },
      ],
    });
    const { result } = await t.execute();
    expect(result).toMatchObject({ runId: run.id });
    const [row] = await db.select().from(workflowRuns).where(eq(workflowRuns.id, run.id));
    expect(row).toMatchObject({ status: "failed", error: "HubSpot is not connected" });
    // The per-team function declares the handler.
    expect((expireTeamRun as unknown as { onFailureFn?: unknown }).onFailureFn).toBeTypeOf("function");
  });

  it("the expire schedule is hourly and fans out at the team's 02:00", async () => {
    const db = await testDb();
    const team = await makeTeam(db);
    const { ctx } = await new InngestTestEngine({ function: expireSchedule }).execute({
      events: [{ name: "inngest/scheduled.timer", data: { cron: "TZ=UTC 0 * * * *" }, ts: Date.parse("2026-01-15T02:00:00Z") }],
      steps: sendMocked(),
    });
    const sent = (ctx.step.sendEvent as unknown as { mock: { calls: [string, { id: string; data: { teamId: string } }[]][] } }).mock.calls[0][1];
    expect(sent.find((e) => e.data.teamId === team.id)?.id).toBe(`expire-${team.id}-2026-01-15`);
  });
});
