import type { Executor } from "@/db";
import { stepFailed, stepStarted, stepSucceeded } from "@/lib/workflows/runs";

/**
 * What a workflow needs from its engine: run a named piece of work once. Under Inngest this is
 * `step.run` (memoised, retried); in-process it simply calls `fn`. Step results must be small
 * (a cursor and counts), never records.
 */
export interface StepRunner {
  run<T>(id: string, fn: () => Promise<T>): Promise<T>;
}

export type StepResult = { counts?: Record<string, number> };

function countsOf(value: unknown): Record<string, number> {
  if (typeof value === "object" && value !== null && "counts" in value) {
    const counts = (value as StepResult).counts;
    if (counts && typeof counts === "object") return counts;
  }
  return {};
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === "string" ? error : JSON.stringify(error);
}

/**
 * Wraps an engine's step runner so each execution of a step is mirrored into workflow_run_steps
 * (status, attempts, timings, counts, error). Recording happens inside the step body, so a step
 * that Inngest replays from memo is not recorded again.
 */
export function recordedSteps(db: Executor, run: { runId: string; teamId: string }, engine: StepRunner): StepRunner {
  return {
    run<T>(id: string, fn: () => Promise<T>) {
      return engine.run(id, async () => {
        await stepStarted(db, { ...run, stepId: id });
        try {
          const result = await fn();
          await stepSucceeded(db, run.runId, id, countsOf(result));
          return result;
        } catch (error) {
          await stepFailed(db, run.runId, id, errorMessage(error)).catch(() => {});
          throw error;
        }
      });
    },
  };
}

/** The in-process runner: executes each step once, in order, and records it. Not a second engine. */
export function inProcessSteps(db: Executor, run: { runId: string; teamId: string }): StepRunner {
  return recordedSteps(db, run, { run: (_id, fn) => fn() });
}
