import { cron } from "inngest";
import { getDb } from "@/db";
import type { WorkflowName } from "@/db/schema";
import { runRequestedEvent, type RunRequestedData } from "@/lib/workflows/events";
import { dueTeams, scheduleCron, scheduledEventId, startOfHour } from "@/lib/workflows/schedule";
import { inngest } from "./client";

/**
 * A workflow's schedule: hourly, it sends one run-requested event per team whose own schedule is
 * due this hour (see lib/workflows/schedule.ts). The event id dedupes a team's run per local day.
 */
export function createScheduleFunction(workflow: WorkflowName) {
  return inngest.createFunction(
    { id: `${workflow}-schedule`, name: `${workflow}: schedule fan-out`, triggers: [cron(scheduleCron)] },
    async ({ event, step }) => {
      const ts = (event as { ts?: number } | undefined)?.ts;
      const hourStart = startOfHour(new Date(ts ?? Date.now()));
      const due = await step.run("find-due-teams", async () => dueTeams(await getDb(), workflow, hourStart));
      if (due.length === 0) return { teams: 0 };
      await step.sendEvent(
        "fan-out",
        due.map((team) => ({
          id: scheduledEventId(workflow, team.teamId, team.localDate),
          name: runRequestedEvent(workflow),
          data: { teamId: team.teamId, at: team.at, trigger: "schedule" } satisfies RunRequestedData,
        })),
      );
      return { teams: due.length };
    },
  );
}
