import type { RunTrigger, WorkflowName } from "@/db/schema";

/** The event that starts a team's run of a workflow: sent by the schedule fan-out, the dashboard and the CLI. */
export const runRequestedEvent = (workflow: WorkflowName) => `workflow/${workflow}.run-requested` as const;

export type RunRequestedData = {
  teamId: string;
  /** Set when the run row was created before sending (dashboard, retry); the fan-out leaves it out. */
  runId?: string;
  /** ISO instant for the workflow's clock; defaults to the time the event was sent. */
  at?: string;
  trigger: RunTrigger;
};
