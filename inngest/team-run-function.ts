import { getDb } from "@/db";
import type { WorkflowName } from "@/db/schema";
import { runRequestedEvent, type RunRequestedData } from "@/lib/workflows/events";
import { runWorkflow } from "@/lib/workflows/execute";
import { createRun, failRun, findRunByExternalId, finishRun, getRun, markRunRunning } from "@/lib/workflows/runs";
import type { WorkflowSettings } from "@/lib/workflows/settings";
import { recordedSteps, type StepRunner } from "@/lib/workflows/step";
import { getTeamSettings } from "@/lib/workflows/team-settings";
import { inngest } from "./client";

/**
 * `onFailure` of a team run (retries exhausted): marks the mirrored run failed with the reason. The
 * run is found by the id in the original event or, for scheduled runs, by Inngest's run id.
 */
export async function markTeamRunFailed({ event, error }: { event: { data: Record<string, unknown> }; error?: { message?: string } }) {
  const db = await getDb();
  const original = (event.data.event ?? {}) as { data?: RunRequestedData };
  const inngestRunId = typeof event.data.run_id === "string" ? event.data.run_id : undefined;
  const runId = original.data?.runId ?? (inngestRunId ? (await findRunByExternalId(db, inngestRunId))?.id : undefined);
  const reason = error?.message || (event.data.error as { message?: string } | undefined)?.message || "The run failed";
  if (runId) await failRun(db, runId, reason);
  return { runId: runId ?? null };
}

/**
 * A team's run of one workflow. One run per team at a time (concurrency keyed by team); each page
 * is a retried `step.run`; when retries are exhausted, `onFailure` marks the mirrored run failed.
 */
export function createTeamRunFunction(workflow: WorkflowName) {
  return inngest.createFunction(
    {
      id: `${workflow}-team-run`,
      name: `${workflow}: team run`,
      triggers: [{ event: runRequestedEvent(workflow) }],
      concurrency: { key: "event.data.teamId", limit: 1 },
      retries: 4,
      onFailure: markTeamRunFailed,
    },
    async ({ event, step, runId: inngestRunId }) => {
      const data = event.data as RunRequestedData;
      const db = await getDb();
      const started = await step.run("start-run", async () => {
        const existing = data.runId ? await getRun(db, data.runId) : await findRunByExternalId(db, inngestRunId);
        const run =
          existing ??
          (await createRun(db, {
            teamId: data.teamId,
            workflow,
            trigger: data.trigger ?? "schedule",
            mode: "inngest",
            at: new Date(data.at ?? (event as { ts?: number }).ts ?? Date.now()),
            externalRunId: inngestRunId,
          }));
        if (run.teamId !== data.teamId) throw new Error("The run belongs to another team");
        await markRunRunning(db, run.id, inngestRunId);
        // Settings are read once, in a step, so every replay of this run sees the same values.
        const settings = await getTeamSettings(db, run.teamId);
        return { run: { id: run.id, teamId: run.teamId, workflow: run.workflow, dryRun: run.dryRun, at: run.at.toISOString() }, settings };
      });
      const engine: StepRunner = { run: (id, fn) => step.run(id, fn) as never };
      const outcome = await runWorkflow({
        db,
        run: started.run,
        settings: started.settings as WorkflowSettings,
        step: recordedSteps(db, { runId: started.run.id, teamId: started.run.teamId }, engine),
      });
      await step.run("finish-run", () => finishRun(db, started.run.id, outcome.counts));
      return { runId: started.run.id, counts: outcome.counts };
    },
  );
}
