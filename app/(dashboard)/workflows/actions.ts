"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { z } from "zod";
import { workflowNames } from "@/db/schema";
import { logActivity } from "@/lib/activity";
import { teamAction } from "@/lib/auth/action";
import { findActiveRun, getRunProgress } from "@/lib/workflows/queries";
import { requestRunNow, retryWorkflowRun } from "@/lib/workflows/start-run";
import { updateTeamSettings } from "@/lib/workflows/team-settings";

const workflow = z.enum(workflowNames, { error: "Unknown workflow" });
const flag = z.enum(["true", "false"]).transform((v) => v === "true");
const titles = { extract: "Extract", promote: "Promote", expire: "Expire" } as const;

/**
 * In-process runs execute after the response is sent (`after`), so the action answers at once with
 * the run recorded as queued and the page polls its progress.
 */
const background = (task: () => Promise<void>) => after(task);

/** Run now (or a dry run): starts the run and returns; the card then shows its live progress. */
export const runWorkflowAction = teamAction(
  z.object({ workflow, dryRun: flag.default(false) }),
  async ({ workflow, dryRun }, { db, team, user }) => {
    let result;
    try {
      result = await requestRunNow({ db, teamId: team.id, workflow, dryRun, userId: user.id, background });
    } catch (error) {
      // Inngest unreachable: the run is recorded as failed with the reason; say so here too.
      revalidatePath("/workflows");
      return { error: `The run could not be started: ${error instanceof Error ? error.message : String(error)}` };
    }
    revalidatePath("/workflows");
    if (!result.ok) return { error: `${titles[workflow]} is already running. Wait for that run to finish before starting another.` };
    const what = dryRun ? `${titles[workflow]} dry run` : `${titles[workflow]} run`;
    return {
      ok: true,
      message: result.mode === "inngest" ? `${what} sent to Inngest.` : `${what} started.`,
    };
  },
);

/** Turns a workflow's schedule on or off (the cron and time zone are kept). */
export const setScheduleEnabledAction = teamAction(
  z.object({ workflow, enabled: flag }),
  async ({ workflow, enabled }, { db, team, user }) => {
    const saved = await db.transaction(async (tx) => {
      const result = await updateTeamSettings(tx, team.id, { schedules: { [workflow]: { enabled } } });
      if (result.ok) {
        await logActivity(tx, {
          teamId: team.id,
          userId: user.id,
          action: enabled ? "workflow.schedule_enabled" : "workflow.schedule_disabled",
          detail: { workflow, cron: result.settings.schedules[workflow].cron, timeZone: result.settings.timeZone },
        });
      }
      return result;
    });
    if (!saved.ok) return { error: `The team's settings could not be saved: ${saved.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}` };
    revalidatePath("/workflows");
    return { ok: true, message: `${titles[workflow]} schedule ${enabled ? "on" : "off"}.` };
  },
  { minRole: "admin" },
);

/** Retries a failed run as a new run with the same clock, then opens the new run. */
export const retryRunAction = teamAction(
  z.object({ runId: z.uuid("Unknown run") }),
  async ({ runId }, { db, team, user }) => {
    const failed = await getRunProgress(db, team.id, runId);
    if (!failed) return { error: "This run was not found." };
    const active = failed.run.dryRun ? null : await findActiveRun(db, team.id, failed.run.workflow);
    if (active && active.mode === "in_process") {
      return { error: `${titles[failed.run.workflow]} is already running. Wait for that run to finish, then retry.` };
    }
    let newRunId: string;
    try {
      ({ runId: newRunId } = await retryWorkflowRun({ db, teamId: team.id, runId, userId: user.id, background }));
    } catch (error) {
      return { error: error instanceof Error ? error.message : "The run could not be retried" };
    }
    revalidatePath("/workflows");
    redirect(`/workflows/runs/${newRunId}`);
  },
);
