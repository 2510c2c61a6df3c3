import { and, desc, eq, ne, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import {
  workflowRunSteps,
  workflowRuns,
  type RunTrigger,
  type WorkflowName,
  type WorkflowRun,
} from "@/db/schema";

/** Run mirroring: the app's own record of every workflow run and its steps. */

export type RunMode = "inngest" | "in_process";

export async function createRun(
  db: Executor,
  input: {
    teamId: string;
    workflow: WorkflowName;
    trigger: RunTrigger;
    mode: RunMode;
    at: Date;
    dryRun?: boolean;
    retryOf?: string | null;
    externalRunId?: string | null;
  },
): Promise<WorkflowRun> {
  const [run] = await db
    .insert(workflowRuns)
    .values({
      teamId: input.teamId,
      workflow: input.workflow,
      trigger: input.trigger,
      mode: input.mode,
      at: input.at,
      dryRun: input.dryRun ?? false,
      retryOf: input.retryOf ?? null,
      externalRunId: input.externalRunId ?? null,
    })
    .returning();
  return run;
}

export async function getRun(db: Executor, runId: string): Promise<WorkflowRun | undefined> {
  const [run] = await db.select().from(workflowRuns).where(eq(workflowRuns.id, runId));
  return run;
}

export async function markRunRunning(db: Executor, runId: string, externalRunId?: string | null) {
  await db
    .update(workflowRuns)
    .set({
      status: "running",
      error: null,
      startedAt: sql`coalesce(${workflowRuns.startedAt}, now())`,
      ...(externalRunId ? { externalRunId } : {}),
    })
    .where(eq(workflowRuns.id, runId));
}

export async function setRunSince(db: Executor, runId: string, since: Date) {
  await db.update(workflowRuns).set({ since }).where(eq(workflowRuns.id, runId));
}

export async function finishRun(db: Executor, runId: string, counts: Record<string, number>) {
  await db
    .update(workflowRuns)
    .set({ status: "succeeded", counts, error: null, finishedAt: new Date() })
    .where(eq(workflowRuns.id, runId));
}

/** Marks a run failed with its reason; counts are what its finished steps did before it failed. */
export async function failRun(db: Executor, runId: string, error: string) {
  const counts = await sumStepCounts(db, runId);
  await db
    .update(workflowRuns)
    .set({ status: "failed", error: error.slice(0, 4000), counts, finishedAt: new Date() })
    .where(eq(workflowRuns.id, runId));
}

export async function findRunByExternalId(db: Executor, externalRunId: string) {
  const [run] = await db.select().from(workflowRuns).where(eq(workflowRuns.externalRunId, externalRunId));
  return run;
}

/** The clock of the last successful, real (not dry) run of a workflow: extract's "since". */
export async function lastSuccessfulRunAt(
  db: Executor,
  teamId: string,
  workflow: WorkflowName,
  excludeRunId?: string,
): Promise<Date | null> {
  const [row] = await db
    .select({ at: workflowRuns.at })
    .from(workflowRuns)
    .where(
      and(
        eq(workflowRuns.teamId, teamId),
        eq(workflowRuns.workflow, workflow),
        eq(workflowRuns.status, "succeeded"),
        eq(workflowRuns.dryRun, false),
        excludeRunId ? ne(workflowRuns.id, excludeRunId) : undefined,
      ),
    )
    .orderBy(desc(workflowRuns.at))
    .limit(1);
  return row?.at ?? null;
}

// ---------------------------------------------------------------- steps

export async function stepStarted(db: Executor, input: { runId: string; teamId: string; stepId: string }) {
  await db
    .insert(workflowRunSteps)
    .values({ runId: input.runId, teamId: input.teamId, stepId: input.stepId, status: "running" })
    .onConflictDoUpdate({
      target: [workflowRunSteps.runId, workflowRunSteps.stepId],
      set: {
        status: "running",
        attempts: sql`${workflowRunSteps.attempts} + 1`,
        error: null,
        startedAt: new Date(),
        finishedAt: null,
      },
    });
}

export async function stepSucceeded(db: Executor, runId: string, stepId: string, counts: Record<string, number>) {
  await db
    .update(workflowRunSteps)
    .set({ status: "succeeded", counts, finishedAt: new Date() })
    .where(and(eq(workflowRunSteps.runId, runId), eq(workflowRunSteps.stepId, stepId)));
}

export async function stepFailed(db: Executor, runId: string, stepId: string, error: string) {
  await db
    .update(workflowRunSteps)
    .set({ status: "failed", error: error.slice(0, 4000), finishedAt: new Date() })
    .where(and(eq(workflowRunSteps.runId, runId), eq(workflowRunSteps.stepId, stepId)));
}

export function addCounts(into: Record<string, number>, from: Record<string, number> | undefined) {
  for (const [k, v] of Object.entries(from ?? {})) if (typeof v === "number") into[k] = (into[k] ?? 0) + v;
  return into;
}

export async function sumStepCounts(db: Executor, runId: string) {
  const rows = await db
    .select({ counts: workflowRunSteps.counts })
    .from(workflowRunSteps)
    .where(and(eq(workflowRunSteps.runId, runId), eq(workflowRunSteps.status, "succeeded")));
  const total: Record<string, number> = {};
  for (const r of rows) addCounts(total, r.counts);
  return total;
}
