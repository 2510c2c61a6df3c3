import { CronExpressionParser } from "cron-parser";
import type { Executor } from "@/db";
import { teams, workflowSettings, type WorkflowName } from "@/db/schema";
import { eq } from "drizzle-orm";
import { calendarDate } from "@/lib/workflows/rules";
import { workflowSettingsSchema } from "@/lib/workflows/settings";

/**
 * Schedules are per team (cron + IANA time zone in settings), but an Inngest cron trigger is per
 * function. So each workflow's schedule function runs hourly (`0 * * * *` UTC) and fans out to the
 * teams whose own cron has an occurrence within that hour in their own time zone. A time zone with
 * a 30- or 45-minute offset is due in the UTC hour that contains its local time. The event id
 * `<workflow>-<team>-<local date>` makes a team's scheduled run happen at most once a day.
 */

export const scheduleCron = "TZ=UTC 0 * * * *";

export function startOfHour(instant: Date): Date {
  const d = new Date(instant);
  d.setUTCMinutes(0, 0, 0);
  return d;
}

/** Whether a five-field cron in a time zone fires within [hourStart, hourStart + 1h). */
export function isDueInHour(cron: string, timeZone: string, hourStart: Date): boolean {
  try {
    const next = CronExpressionParser.parse(cron, { currentDate: new Date(hourStart.getTime() - 1), tz: timeZone }).next();
    return next.getTime() < hourStart.getTime() + 3_600_000;
  } catch {
    return false;
  }
}

export type DueTeam = { teamId: string; at: string; localDate: string };

/** Teams with the workflow enabled whose schedule is due in the hour starting at `hourStart`. */
export async function dueTeams(db: Executor, workflow: WorkflowName, hourStart: Date): Promise<DueTeam[]> {
  const rows = await db
    .select({ teamId: teams.id, settings: workflowSettings.settings })
    .from(teams)
    .innerJoin(workflowSettings, eq(workflowSettings.teamId, teams.id));
  const due: DueTeam[] = [];
  for (const row of rows) {
    const parsed = workflowSettingsSchema.safeParse(row.settings);
    if (!parsed.success) continue;
    const schedule = parsed.data.schedules[workflow];
    if (!schedule.enabled || !isDueInHour(schedule.cron, parsed.data.timeZone, hourStart)) continue;
    due.push({ teamId: row.teamId, at: hourStart.toISOString(), localDate: calendarDate(hourStart, parsed.data.timeZone) });
  }
  return due;
}

/** Deduplicates a team's scheduled run of a workflow per local day. */
export const scheduledEventId = (workflow: WorkflowName, teamId: string, localDate: string) => `${workflow}-${teamId}-${localDate}`;

/**
 * The next `count` times a team's schedule starts a run, as the schedule functions decide it
 * (above): the hourly UTC check fires at the start of the UTC hour holding a
 * cron occurrence in the team's zone, and a team runs a workflow at most once per local day (the
 * first due hour of the day wins). Returns an error instead of times when the cron is invalid.
 */
export function upcomingScheduledRuns(
  cron: string,
  timeZone: string,
  from: Date,
  count = 3,
): { runs: Date[]; error?: string } {
  let interval;
  try {
    // Look back a day so a local day whose run already fired earlier today is not listed again.
    interval = CronExpressionParser.parse(cron, { currentDate: new Date(from.getTime() - 36 * 3_600_000), tz: timeZone });
  } catch (error) {
    return { runs: [], error: error instanceof Error ? error.message : String(error) };
  }
  const seenDates = new Set<string>();
  const runs: Date[] = [];
  for (let i = 0; i < 2000 && runs.length < count && interval.hasNext(); i++) {
    const hour = startOfHour(interval.next().toDate());
    const localDate = calendarDate(hour, timeZone);
    if (seenDates.has(localDate)) continue;
    seenDates.add(localDate);
    // An hour that started before `from` has already fired (or been skipped).
    if (hour.getTime() >= from.getTime()) runs.push(hour);
  }
  return { runs };
}
