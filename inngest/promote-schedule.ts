import { createScheduleFunction } from "./schedule-function";

/** Hourly: fans out one promote run per team whose own schedule (cron + time zone) is due. */
export const promoteSchedule = createScheduleFunction("promote");
