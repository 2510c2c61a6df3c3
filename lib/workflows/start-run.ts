import type { Db } from "@/db";
import type { RunTrigger, WorkflowName } from "@/db/schema";
import { logActivity } from "@/lib/activity";
import type { WorkflowClients } from "@/lib/workflows/context";
import { runRequestedEvent, type RunRequestedData } from "@/lib/workflows/events";
import { executeRunInProcess, type RunResult } from "@/lib/workflows/execute";
import { createRun, failRun, getRun, type RunMode } from "@/lib/workflows/runs";

/**
 * "inngest" when an Inngest server is configured (event key or dev server), otherwise
 * "in_process": runs execute inside this process through the recording runner, with no schedule
 * and no durable retries. The dashboard shows which.
 */
export function workflowMode(): RunMode {
  return process.env.INNGEST_EVENT_KEY || process.env.INNGEST_DEV ? "inngest" : "in_process";
}

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
export async function startWorkflowRun(input: StartRunInput): Promise<{ runId: string; mode: RunMode }> {
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
    void executeRunInProcess(input.db, run.id).catch((error) => {
      console.error(`workflow run ${run.id} crashed`, error);
    });
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
  });
}
