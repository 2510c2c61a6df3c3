import { createTeamRunFunction } from "./team-run-function";

/** One team's expire run (from the schedule, the dashboard's Run now or a retry). */
export const expireTeamRun = createTeamRunFunction("expire");
