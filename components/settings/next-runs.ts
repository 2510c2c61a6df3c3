import { CronExpressionParser } from "cron-parser";
import { workflowNames } from "@/db/schema";
import { formatDateTime } from "@/lib/format";
import type { WorkflowSettings } from "@/lib/workflows/settings";

/** Each enabled workflow's next cron occurrence in the team's zone, formatted for the form's hints. */
export function nextScheduledRuns(settings: WorkflowSettings, locale: string, now = new Date()): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const workflow of workflowNames) {
    const schedule = settings.schedules[workflow];
    if (!schedule.enabled) {
      out[workflow] = null;
      continue;
    }
    try {
      const next = CronExpressionParser.parse(schedule.cron, { currentDate: now, tz: settings.timeZone }).next().toDate();
      out[workflow] = `${formatDateTime(next, { locale, timeZone: settings.timeZone })} (${settings.timeZone})`;
    } catch {
      out[workflow] = null;
    }
  }
  return out;
}
