import { createScheduleFunction } from "./schedule-function";

/** Hourly: fans out one expire run per team whose own schedule (cron + time zone) is due. */
export const expireSchedule = createScheduleFunction("expire");
