import { createScheduleFunction } from "./schedule-function";

/** Hourly: fans out one extract run per team whose own schedule (cron + time zone) is due. */
export const extractSchedule = createScheduleFunction("extract");
