import { sql } from "drizzle-orm";
import type { Db, Executor } from "@/db";
import { workflowRunSteps, workflowRuns, type RunTrigger, type WorkflowName } from "@/db/schema";
import { queryRows } from "@/lib/storage/sql";
import { logActivity } from "@/lib/activity";
import type { WorkflowClients } from "@/lib/workflows/context";
import { runRequestedEvent, type RunRequestedData } from "@/lib/workflows/events";
import { executeRunInProcess, type RunResult } from "@/lib/workflows/execute";
import { findActiveRun } from "@/lib/workflows/queries";
import { createRun, failRun, getRun, type RunMode } from "@/lib/workflows/runs";
import { errorMessage } from "@/lib/workflows/step";

/**
 * "inngest" when an Inngest server is configured (event key or dev server), otherwise
 * "in_process": runs execute inside this process through the recording runner, with no schedule
 * and no durable retries. The dashboard shows which.
 */
export function workflowMode(): RunMode {
  return process.env.INNGEST_EVENT_KEY || process.env.INNGEST_DEV ? "inngest" : "in_process";
}

export type StartRunOptions = {
  /**
   * Schedules the in-process execution after the caller has its run id, e.g. `after` from
   * next/server in a server action (the response is not held for the run). Default: a detached
   * promise. Either way the task never rejects and always ends the run succeeded or failed.
   */
  background?: (task: () => Promise<void>) => void;
};

export type StartRunInput = {
  db: Db;
  teamId: string;
  workflow: WorkflowName;
  trigger: RunTrigger;
  /** The workflow's clock; defaults to now. */
  at?: Date;
  dryRun?: boolean;
  userId?: string | null;
  retryOf?: string | null;
};

async function logRequested(db: Db, input: StartRunInput, runId: string, mode: RunMode) {
  await logActivity(db, {
    teamId: input.teamId,
    userId: input.userId ?? null,
    action: "workflow.run_requested",
    detail: { workflow: input.workflow, runId, mode, trigger: input.trigger, dryRun: input.dryRun ?? false },
  });
}

/**
 * The dashboard's entry point: records the run, then sends the run-requested event to Inngest or,
 * without an Inngest server (or for a dry run, which writes nothing), executes it in the background
 * in this process. Returns at once with the run id.
 */
export async function startWorkflowRun(
  input: StartRunInput,
  options: StartRunOptions = {},
): Promise<{ runId: string; mode: RunMode }> {
  const mode: RunMode = input.dryRun ? "in_process" : workflowMode();
  const at = input.at ?? new Date();
  const run = await createRun(input.db, {
    teamId: input.teamId,
    workflow: input.workflow,
    trigger: input.trigger,
    mode,
    at,
    dryRun: input.dryRun,
    retryOf: input.retryOf,
  });
  await logRequested(input.db, input, run.id, mode);
  if (mode === "inngest") {
    const { inngest } = await import("@/inngest/client");
    const data: RunRequestedData = { teamId: input.teamId, runId: run.id, at: at.toISOString(), trigger: input.trigger };
    try {
      await inngest.send({ id: `run-${run.id}`, name: runRequestedEvent(input.workflow), data });
    } catch (error) {
      await failRun(input.db, run.id, `Could not reach Inngest: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  } else {
    const task = () => executeRunDetached(input.db, run.id);
    if (options.background) options.background(task);
    else void task();
  }
  return { runId: run.id, mode };
}

/** The CLI's and tests' entry point: runs the workflow in this process and waits for the result. */
export async function runWorkflowNow(
  input: StartRunInput & { clients?: () => Promise<WorkflowClients> },
): Promise<RunResult> {
  const run = await createRun(input.db, {
    teamId: input.teamId,
    workflow: input.workflow,
    trigger: input.trigger,
    mode: "in_process",
    at: input.at ?? new Date(),
    dryRun: input.dryRun,
    retryOf: input.retryOf,
  });
  await logRequested(input.db, input, run.id, "in_process");
  return executeRunInProcess(input.db, run.id, { clients: input.clients });
}

/** Starts a new run of a failed run's workflow with the same clock; the new run links back to it. */
export async function retryWorkflowRun(input: {
  db: Db;
  teamId: string;
  runId: string;
  userId?: string | null;
  background?: StartRunOptions["background"];
}): Promise<{ runId: string; mode: RunMode }> {
  const failed = await getRun(input.db, input.runId);
  if (!failed || failed.teamId !== input.teamId) throw new Error("Run not found");
  if (failed.status !== "failed") throw new Error("Only a failed run can be retried");
  return startWorkflowRun({
    db: input.db,
    teamId: input.teamId,
    workflow: failed.workflow,
    trigger: "retry",
    at: failed.at,
    dryRun: failed.dryRun,
    userId: input.userId,
    retryOf: failed.id,
  }, { background: input.background });
}

/**
 * Executes an in-process run detached from its caller. executeRunInProcess already records a
 * workflow error as a failed run; this also catches what escapes it (the run vanished, the
 * database refused the failure record) so the promise never rejects unhandled, and tries once
 * more to mark the run failed. A run that still ends up stuck is failed by `failStaleRuns`.
 */
export async function executeRunDetached(db: Db, runId: string): Promise<void> {
  try {
    await executeRunInProcess(db, runId);
  } catch (error) {
    console.error(`workflow run ${runId} crashed`, error);
    try {
      await failRun(db, runId, `The run stopped unexpectedly: ${errorMessage(error)}`);
    } catch (again) {
      console.error(`workflow run ${runId} could not be marked failed`, again);
    }
  }
}

/** How long an in-process run may show no activity (no step started or finished) before it is declared lost. */
export const STALE_RUN_MS = 30 * 60_000;

export const staleRunMessage =
  "This run stopped without finishing: the server was restarted or lost it while it ran. Steps that finished are kept; retry the run to do the rest.";

/**
 * In-process runs only live as long as the server process that runs them. A queued or running
 * in-process run of the team with no activity for `staleMs` (run created, started, or any step
 * started/finished) is marked failed, so no run shows "running" forever. Returns the ids failed.
 */
export async function failStaleRuns(db: Executor, teamId: string, now = new Date(), staleMs = STALE_RUN_MS): Promise<string[]> {
  const cutoff = new Date(now.getTime() - staleMs);
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select r.id from ${workflowRuns} r
        where r.team_id = ${teamId} and r.mode = 'in_process' and r.status in ('queued', 'running')
          and greatest(r.created_at, r.started_at,
                (select max(greatest(s.started_at, s.finished_at)) from ${workflowRunSteps} s where s.run_id = r.id)
              ) < ${cutoff.toISOString()}`,
  );
  for (const row of rows) await failRun(db, row.id, staleRunMessage);
  return rows.map((r) => r.id);
}

export type RunNowResult =
  | { ok: true; runId: string; mode: RunMode }
  | { ok: false; activeRunId: string };

/**
 * The dashboard's Run now / Dry run: refuses a second real run of a workflow while an in-process
 * one is still going (under Inngest, runs of a team queue behind each other by concurrency key),
 * then starts the run without waiting for it.
 */
export async function requestRunNow(input: {
  db: Db;
  teamId: string;
  workflow: WorkflowName;
  dryRun?: boolean;
  userId?: string | null;
  background?: StartRunOptions["background"];
}): Promise<RunNowResult> {
  await failStaleRuns(input.db, input.teamId);
  if (!input.dryRun) {
    const active = await findActiveRun(input.db, input.teamId, input.workflow);
    if (active && active.mode === "in_process") return { ok: false, activeRunId: active.id };
  }
  const started = await startWorkflowRun(
    { db: input.db, teamId: input.teamId, workflow: input.workflow, trigger: "manual", dryRun: input.dryRun, userId: input.userId },
    { background: input.background },
  );
  return { ok: true, ...started };
}
