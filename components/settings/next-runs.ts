import { workflowNames } from "@/db/schema";
import { formatDateTime } from "@/lib/format";
import { upcomingScheduledRuns } from "@/lib/workflows/schedule";
import type { WorkflowSettings } from "@/lib/workflows/settings";

/** Each enabled workflow's next run in the team's zone (as the scheduler decides it), for the form's hints. */
export function nextScheduledRuns(settings: WorkflowSettings, locale: string, now = new Date()): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const workflow of workflowNames) {
    const schedule = settings.schedules[workflow];
    const [next] = schedule.enabled ? upcomingScheduledRuns(schedule.cron, settings.timeZone, now, 1).runs : [];
    out[workflow] = next ? `${formatDateTime(next, { locale, timeZone: settings.timeZone })} (${settings.timeZone})` : null;
  }
  return out;
}
