import type { Db } from "@/db";
import type { WorkflowName, WorkflowRun } from "@/db/schema";
import { getTeamClients } from "@/lib/connectors";
import type { WorkflowClients, WorkflowContext, WorkflowOutcome } from "@/lib/workflows/context";
import { runExpire } from "@/lib/workflows/expire";
import { runExtract } from "@/lib/workflows/extract";
import { runPromote } from "@/lib/workflows/promote";
import { failRun, finishRun, getRun, markRunRunning } from "@/lib/workflows/runs";
import type { WorkflowSettings } from "@/lib/workflows/settings";
import { errorMessage, inProcessSteps, type StepRunner } from "@/lib/workflows/step";
import { getTeamSettings } from "@/lib/workflows/team-settings";

const workflows: Record<WorkflowName, (ctx: WorkflowContext) => Promise<WorkflowOutcome>> = {
  extract: runExtract,
  promote: runPromote,
  expire: runExpire,
};

export type RunDescriptor = Pick<WorkflowRun, "id" | "teamId" | "workflow" | "dryRun"> & { at: Date | string };

/** Runs one workflow over whatever step runner the engine provides (Inngest or in-process). */
export function runWorkflow(input: {
  db: Db;
  run: RunDescriptor;
  settings: WorkflowSettings;
  step: StepRunner;
  clients?: () => Promise<WorkflowClients>;
}): Promise<WorkflowOutcome> {
  const { db, run } = input;
  const clients = input.clients ?? (async () => (await getTeamClients(db, run.teamId)) as unknown as WorkflowClients);
  return workflows[run.workflow]({
    db,
    teamId: run.teamId,
    runId: run.id,
    at: new Date(run.at),
    settings: input.settings,
    step: input.step,
    clients,
    dryRun: run.dryRun,
  });
}

export type RunResult = {
  runId: string;
  workflow: WorkflowName;
  status: "succeeded" | "failed";
  dryRun: boolean;
  at: string;
  counts: Record<string, number>;
  error?: string;
  decisions?: WorkflowOutcome["decisions"];
};

/**
 * The in-process engine: marks the run running, executes each step once through the recording
 * runner, and finishes or fails the run. No schedule, no durable retries.
 */
export async function executeRunInProcess(
  db: Db,
  runId: string,
  options: { clients?: () => Promise<WorkflowClients> } = {},
): Promise<RunResult> {
  const run = await getRun(db, runId);
  if (!run) throw new Error(`Run ${runId} not found`);
  const base = { runId, workflow: run.workflow, dryRun: run.dryRun, at: run.at.toISOString() };
  try {
    await markRunRunning(db, runId);
    const settings = await getTeamSettings(db, run.teamId);
    const outcome = await runWorkflow({
      db,
      run,
      settings,
      step: inProcessSteps(db, { runId, teamId: run.teamId }),
      clients: options.clients,
    });
    await finishRun(db, runId, outcome.counts);
    return { ...base, status: "succeeded", counts: outcome.counts, ...(outcome.decisions ? { decisions: outcome.decisions } : {}) };
  } catch (error) {
    const message = errorMessage(error);
    const failed = await recordFailure(db, runId, message);
    return { ...base, status: "failed", counts: failed?.counts ?? {}, error: message };
  }
}

/**
 * Marks the run failed. The database may be what just failed (a dropped connection), so this tries
 * a few times, a moment apart; if it still cannot, the run stays "running" for the stale-run
 * reaper and the caller still gets the failure.
 */
async function recordFailure(db: Db, runId: string, message: string): Promise<WorkflowRun | null> {
  for (let attempt = 1; ; attempt++) {
    try {
      await failRun(db, runId, message);
      return (await getRun(db, runId)) ?? null;
    } catch (error) {
      if (attempt >= 4) {
        console.error(`workflow run ${runId}: could not record its failure (${errorMessage(error)})`);
        return null;
      }
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}
