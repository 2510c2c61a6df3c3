import { and, desc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import {
  objectStores,
  quarantinedRecords,
  workflowRunSteps,
  workflowRuns,
  type WorkflowName,
} from "@/db/schema";
import { queryRows } from "@/lib/storage/sql";
import { decidePage } from "@/lib/workflows/promote";
import { calendarDate, type PromotionDecision } from "@/lib/workflows/rules";
import { getTeamSettings } from "@/lib/workflows/team-settings";

/** Named reads for the dashboard; every one takes the team id. */

export async function listRecentRuns(db: Executor, teamId: string, options: { workflow?: WorkflowName; limit?: number } = {}) {
  return db
    .select()
    .from(workflowRuns)
    .where(and(eq(workflowRuns.teamId, teamId), options.workflow ? eq(workflowRuns.workflow, options.workflow) : undefined))
    .orderBy(desc(workflowRuns.createdAt), desc(workflowRuns.id))
    .limit(Math.min(options.limit ?? 20, 200));
}

/** The latest run of each workflow (for the overview cards), in one query. */
export async function latestRunPerWorkflow(db: Executor, teamId: string) {
  const out: Partial<Record<WorkflowName, Awaited<ReturnType<typeof listRecentRuns>>[number]>> = {};
  const runs = await listRecentRunsByWorkflow(db, teamId, 1);
  for (const workflow of ["extract", "promote", "expire"] as const) {
    const [run] = runs[workflow];
    if (run) out[workflow] = run;
  }
  return out;
}

/** A run with its step timeline and the records it quarantined; null when not this team's. */
export async function getRunWithDetails(db: Executor, teamId: string, runId: string) {
  const [run] = await db
    .select()
    .from(workflowRuns)
    .where(and(eq(workflowRuns.teamId, teamId), eq(workflowRuns.id, runId)));
  if (!run) return null;
  const steps = await db
    .select()
    .from(workflowRunSteps)
    .where(and(eq(workflowRunSteps.teamId, teamId), eq(workflowRunSteps.runId, runId)))
    .orderBy(workflowRunSteps.startedAt, workflowRunSteps.id);
  const quarantined = await db
    .select()
    .from(quarantinedRecords)
    .where(and(eq(quarantinedRecords.teamId, teamId), eq(quarantinedRecords.runId, runId)))
    .orderBy(quarantinedRecords.id)
    .limit(500);
  return { run, steps, quarantined };
}

export async function listQuarantinedRecords(db: Executor, teamId: string, options: { limit?: number } = {}) {
  return db
    .select()
    .from(quarantinedRecords)
    .where(eq(quarantinedRecords.teamId, teamId))
    .orderBy(desc(quarantinedRecords.createdAt), desc(quarantinedRecords.id))
    .limit(Math.min(options.limit ?? 50, 500));
}

/** What promote would decide today (team time zone), with no write: the dashboard's preview. */
export async function previewPromotionDecisions(
  db: Executor,
  teamId: string,
  options: { at?: Date; limit?: number; afterEmail?: string | null } = {},
): Promise<{ today: string; decisions: PromotionDecision[]; nextCursor: string | null }> {
  const settings = await getTeamSettings(db, teamId);
  const today = calendarDate(options.at ?? new Date(), settings.timeZone);
  const { decisions, nextCursor } = await decidePage(
    { db: db as never, teamId, settings },
    { today, afterEmail: options.afterEmail ?? null, limit: Math.min(options.limit ?? 100, 1000) },
  );
  return { today, decisions, nextCursor };
}

/** Records on the team's promotion list purchased before a date (expire's dry run). */
export async function countExpiredRecords(db: Executor, teamId: string, purchasedBefore: string): Promise<number> {
  const rows = await queryRows<{ n: number | string }>(
    db,
    sql`select count(*) as n from stored_objects o
        join ${objectStores} s on s.id = o.store_id
        where s.team_id = ${teamId} and s.role = 'promotion_list' and o.team_id = ${teamId}
          and (o.data->>'Date Of Purchase') < ${purchasedBefore}`,
  );
  return Number(rows[0]?.n ?? 0);
}

// ---------------------------------------------------------------- workflows dashboard

export type RecentRun = typeof workflowRuns.$inferSelect;

/**
 * The latest `perWorkflow` runs of each workflow in one query (a window over the team's runs),
 * so the workflows page does not issue one query per workflow.
 */
export async function listRecentRunsByWorkflow(
  db: Executor,
  teamId: string,
  perWorkflow = 5,
): Promise<Record<WorkflowName, RecentRun[]>> {
  const ranked = db
    .select({
      id: workflowRuns.id,
      rn: sql<number>`row_number() over (partition by ${workflowRuns.workflow} order by ${workflowRuns.createdAt} desc, ${workflowRuns.id} desc)`.as("rn"),
    })
    .from(workflowRuns)
    .where(eq(workflowRuns.teamId, teamId))
    .as("ranked");
  const rows = await db
    .select({ run: workflowRuns })
    .from(workflowRuns)
    .innerJoin(ranked, eq(ranked.id, workflowRuns.id))
    .where(and(eq(workflowRuns.teamId, teamId), lte(ranked.rn, Math.min(Math.max(perWorkflow, 1), 50))))
    .orderBy(desc(workflowRuns.createdAt), desc(workflowRuns.id));
  const out: Record<WorkflowName, RecentRun[]> = { extract: [], promote: [], expire: [] };
  for (const { run } of rows) out[run.workflow]?.push(run);
  return out;
}

/** A run that has not finished yet (queued or running), newest first; dry runs excluded unless asked. */
export async function findActiveRun(
  db: Executor,
  teamId: string,
  workflow: WorkflowName,
  options: { includeDryRuns?: boolean } = {},
): Promise<RecentRun | null> {
  const [run] = await db
    .select()
    .from(workflowRuns)
    .where(
      and(
        eq(workflowRuns.teamId, teamId),
        eq(workflowRuns.workflow, workflow),
        inArray(workflowRuns.status, ["queued", "running"]),
        options.includeDryRuns ? undefined : eq(workflowRuns.dryRun, false),
      ),
    )
    .orderBy(desc(workflowRuns.createdAt))
    .limit(1);
  return run ?? null;
}

export type RunProgress = {
  run: RecentRun;
  steps: (typeof workflowRunSteps.$inferSelect)[];
  /** The run's counts; while it runs, the sum of its finished steps' counts so far. */
  counts: Record<string, number>;
  quarantinedCount: number;
};

/**
 * What the live progress view polls: the run, its steps and its counts so far (three small
 * indexed reads, no records). Null when the run is not this team's.
 */
export async function getRunProgress(db: Executor, teamId: string, runId: string): Promise<RunProgress | null> {
  const [run] = await db
    .select()
    .from(workflowRuns)
    .where(and(eq(workflowRuns.teamId, teamId), eq(workflowRuns.id, runId)));
  if (!run) return null;
  const [steps, quarantined] = await Promise.all([
    db
      .select()
      .from(workflowRunSteps)
      .where(and(eq(workflowRunSteps.teamId, teamId), eq(workflowRunSteps.runId, runId)))
      .orderBy(workflowRunSteps.startedAt, workflowRunSteps.id),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(quarantinedRecords)
      .where(and(eq(quarantinedRecords.teamId, teamId), eq(quarantinedRecords.runId, runId))),
  ]);
  const finished = run.status === "succeeded" || run.status === "failed";
  const counts = finished ? run.counts : liveCounts(steps);
  return { run, steps, counts, quarantinedCount: Number(quarantined[0]?.n ?? 0) };
}

/** The sum of the succeeded steps' counts (what a run has done so far). */
export function liveCounts(steps: { status: string; counts: Record<string, number> }[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const s of steps) {
    if (s.status !== "succeeded") continue;
    for (const [k, v] of Object.entries(s.counts ?? {})) if (typeof v === "number") total[k] = (total[k] ?? 0) + v;
  }
  return total;
}


export type RunProgressJson = {
  id: string;
  workflow: WorkflowName;
  status: "queued" | "running" | "succeeded" | "failed";
  mode: "inngest" | "in_process";
  trigger: string;
  dryRun: boolean;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Until now while the run is going. */
  durationMs: number | null;
  counts: Record<string, number>;
  quarantinedCount: number;
  steps: {
    id: string;
    status: "running" | "succeeded" | "failed";
    attempts: number;
    counts: Record<string, number>;
    error: string | null;
    startedAt: string;
    finishedAt: string | null;
    durationMs: number | null;
  }[];
};

/** The JSON the progress route answers with (dates as ISO strings, durations in ms). */
export function runProgressJson(progress: RunProgress, now = new Date()): RunProgressJson {
  const ms = (start: Date | null, end: Date | null) => (start && end ? end.getTime() - start.getTime() : null);
  const r = progress.run;
  return {
    id: r.id,
    workflow: r.workflow,
    status: r.status,
    mode: r.mode,
    trigger: r.trigger,
    dryRun: r.dryRun,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    durationMs: ms(r.startedAt, r.finishedAt ?? (r.startedAt ? now : null)),
    counts: progress.counts,
    quarantinedCount: progress.quarantinedCount,
    steps: progress.steps.map((s) => ({
      id: s.stepId,
      status: s.status,
      attempts: s.attempts,
      counts: s.counts,
      error: s.error,
      startedAt: s.startedAt.toISOString(),
      finishedAt: s.finishedAt?.toISOString() ?? null,
      durationMs: ms(s.startedAt, s.finishedAt ?? (s.status === "running" ? now : null)),
    })),
  };
}

/** When an unfinished run last showed activity (created, started, a step started or finished). */
export function lastRunActivity(progress: RunProgress): Date {
  const { run, steps } = progress;
  return new Date(
    Math.max(
      run.createdAt.getTime(),
      run.startedAt?.getTime() ?? 0,
      ...steps.map((s) => Math.max(s.startedAt.getTime(), s.finishedAt?.getTime() ?? 0)),
    ),
  );
}
