import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { activityLog, workflowRunSteps, workflowRuns } from "@/db/schema";
import {
  findActiveRun,
  getRunProgress,
  latestRunPerWorkflow,
  listRecentRunsByWorkflow,
} from "@/lib/workflows/queries";
import { createRun, finishRun, markRunRunning, stepStarted, stepSucceeded } from "@/lib/workflows/runs";
import { isDueInHour, upcomingScheduledRuns } from "@/lib/workflows/schedule";
import { executeRunDetached, failStaleRuns, requestRunNow, staleRunMessage } from "@/lib/workflows/start-run";
import { makeTeam, testDb } from "../helpers/db";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});

const newRun = (teamId: string, workflow: "extract" | "promote" | "expire", over: { mode?: "inngest" | "in_process"; dryRun?: boolean } = {}) =>
  createRun(db, { teamId, workflow, trigger: "manual", mode: over.mode ?? "in_process", at: new Date(), dryRun: over.dryRun });

describe("workflows dashboard reads", () => {
  it("lists the latest runs of each workflow in one query, newest first, team by team", async () => {
    const a = await makeTeam(db);
    const b = await makeTeam(db);
    const extractIds: string[] = [];
    for (let i = 0; i < 7; i++) extractIds.push((await newRun(a.id, "extract")).id);
    await newRun(a.id, "promote");
    await newRun(a.id, "promote");
    await newRun(b.id, "expire");

    const runs = await listRecentRunsByWorkflow(db, a.id, 5);
    expect(runs.extract).toHaveLength(5);
    expect(runs.promote).toHaveLength(2);
    expect(runs.expire).toHaveLength(0);
    expect(runs.extract.every((r) => r.teamId === a.id)).toBe(true);
    const times = runs.extract.map((r) => r.createdAt.getTime());
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    expect((await listRecentRunsByWorkflow(db, b.id)).expire).toHaveLength(1);

    const latest = await latestRunPerWorkflow(db, a.id);
    expect(latest.extract?.id).toBe(runs.extract[0].id);
    expect(latest.promote?.id).toBe(runs.promote[0].id);
    expect(latest.expire).toBeUndefined();
  });

  it("reports a running run's progress from its finished steps, and nothing of another team's run", async () => {
    const team = await makeTeam(db);
    const other = await makeTeam(db);
    const run = await newRun(team.id, "extract");
    await markRunRunning(db, run.id);
    await stepStarted(db, { runId: run.id, teamId: team.id, stepId: "plan" });
    await stepSucceeded(db, run.id, "plan", {});
    await stepStarted(db, { runId: run.id, teamId: team.id, stepId: "orders-page-1" });
    await stepSucceeded(db, run.id, "orders-page-1", { fetched: 3, added: 2 });
    await stepStarted(db, { runId: run.id, teamId: team.id, stepId: "orders-page-2" });

    const progress = await getRunProgress(db, team.id, run.id);
    expect(progress?.run.status).toBe("running");
    expect(progress?.steps.map((s) => s.stepId)).toEqual(["plan", "orders-page-1", "orders-page-2"]);
    expect(progress?.counts).toEqual({ fetched: 3, added: 2 });
    expect(progress?.quarantinedCount).toBe(0);
    expect(await getRunProgress(db, other.id, run.id)).toBeNull();

    await finishRun(db, run.id, { fetched: 9, added: 4, pages: 2 });
    expect((await getRunProgress(db, team.id, run.id))?.counts).toEqual({ fetched: 9, added: 4, pages: 2 });
  });

  it("finds an unfinished run of a workflow, ignoring dry runs unless asked", async () => {
    const team = await makeTeam(db);
    expect(await findActiveRun(db, team.id, "promote")).toBeNull();
    const dry = await newRun(team.id, "promote", { dryRun: true });
    expect(await findActiveRun(db, team.id, "promote")).toBeNull();
    expect((await findActiveRun(db, team.id, "promote", { includeDryRuns: true }))?.id).toBe(dry.id);
    const real = await newRun(team.id, "promote");
    expect((await findActiveRun(db, team.id, "promote"))?.id).toBe(real.id);
    await finishRun(db, real.id, {});
    expect(await findActiveRun(db, team.id, "promote")).toBeNull();
  });
});

describe("upcoming scheduled runs", () => {
  it("lists the next three daily runs in the team's zone, at the UTC hour the schedule fires", () => {
    // 06:00 in London in summer is 05:00 UTC.
    const { runs, error } = upcomingScheduledRuns("0 6 * * *", "Europe/London", new Date("2026-07-01T04:10:00Z"));
    expect(error).toBeUndefined();
    expect(runs.map((d) => d.toISOString())).toEqual(["2026-07-01T05:00:00.000Z", "2026-07-02T05:00:00.000Z", "2026-07-03T05:00:00.000Z"]);
    for (const hour of runs) expect(isDueInHour("0 6 * * *", "Europe/London", hour)).toBe(true);
  });

  it("skips today once today's hour has passed, and fires a half-hour zone at the start of its UTC hour", () => {
    const later = upcomingScheduledRuns("0 6 * * *", "Europe/London", new Date("2026-07-01T05:20:00Z"));
    expect(later.runs[0].toISOString()).toBe("2026-07-02T05:00:00.000Z");
    const kolkata = upcomingScheduledRuns("30 6 * * *", "Asia/Kolkata", new Date("2026-07-01T00:00:00Z"));
    expect(kolkata.runs[0].toISOString()).toBe("2026-07-01T01:00:00.000Z");
    expect(isDueInHour("30 6 * * *", "Asia/Kolkata", kolkata.runs[0])).toBe(true);
  });

  it("runs a cron that fires several times a day once per local day", () => {
    const { runs } = upcomingScheduledRuns("0 */6 * * *", "Europe/London", new Date("2026-07-01T10:00:00Z"));
    // Today's 00:00 run already happened; the next ones are each following local midnight (23:00 UTC).
    expect(runs.map((d) => d.toISOString())).toEqual(["2026-07-01T23:00:00.000Z", "2026-07-02T23:00:00.000Z", "2026-07-03T23:00:00.000Z"]);
  });

  it("answers an invalid cron with an error instead of times", () => {
    const { runs, error } = upcomingScheduledRuns("99 * * * *", "Europe/London", new Date());
    expect(runs).toEqual([]);
    expect(error).toBeTruthy();
  });
});

describe("starting runs from the dashboard", () => {
  it("starts a run in the background, refuses a second real run while it is going, allows a dry run", async () => {
    const team = await makeTeam(db);
    const tasks: (() => Promise<void>)[] = [];
    const background = (task: () => Promise<void>) => void tasks.push(task);

    const first = await requestRunNow({ db, teamId: team.id, workflow: "extract", background });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.mode).toBe("in_process");
    expect(tasks).toHaveLength(1);

    const second = await requestRunNow({ db, teamId: team.id, workflow: "extract", background });
    expect(second).toEqual({ ok: false, activeRunId: first.runId });
    const dry = await requestRunNow({ db, teamId: team.id, workflow: "promote", dryRun: true, background });
    expect(dry.ok).toBe(true);

    // The team has no connections: the background task ends the run failed, with the reason, and never throws.
    await tasks[0]();
    const [run] = await db.select().from(workflowRuns).where(eq(workflowRuns.id, first.runId));
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/not connected/);
    expect(run.finishedAt).not.toBeNull();

    const logged = await db.select().from(activityLog).where(and(eq(activityLog.teamId, team.id), eq(activityLog.action, "workflow.run_requested")));
    expect(logged.length).toBe(2);
  });

  it("a detached run whose record vanished resolves without throwing", async () => {
    await expect(executeRunDetached(db, "00000000-0000-4000-8000-000000000000")).resolves.toBeUndefined();
  });

  it("fails in-process runs that show no activity for too long, and only those", async () => {
    const team = await makeTeam(db);
    const lost = await newRun(team.id, "extract");
    await markRunRunning(db, lost.id);
    await stepStarted(db, { runId: lost.id, teamId: team.id, stepId: "plan" });
    await stepSucceeded(db, lost.id, "plan", { fetched: 1 });
    const busy = await newRun(team.id, "promote");
    await markRunRunning(db, busy.id);
    await stepStarted(db, { runId: busy.id, teamId: team.id, stepId: "customers-page-1" });
    // The busy run's step started 20 minutes "later" than the rest.
    await db
      .update(workflowRunSteps)
      .set({ startedAt: new Date(Date.now() + 20 * 60_000) })
      .where(eq(workflowRunSteps.runId, busy.id));
    const underInngest = await newRun(team.id, "expire", { mode: "inngest" });
    const done = await newRun(team.id, "expire");
    await finishRun(db, done.id, {});

    expect(await failStaleRuns(db, team.id, new Date(Date.now() + 10 * 60_000))).toEqual([]);
    const failed = await failStaleRuns(db, team.id, new Date(Date.now() + 31 * 60_000));
    expect(failed).toEqual([lost.id]);

    const rows = await db.select().from(workflowRuns).where(eq(workflowRuns.teamId, team.id));
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId[lost.id]).toMatchObject({ status: "failed", error: staleRunMessage, counts: { fetched: 1 } });
    expect(byId[busy.id].status).toBe("running");
    expect(byId[underInngest.id].status).toBe("queued");
    expect(byId[done.id].status).toBe("succeeded");
  });
});
