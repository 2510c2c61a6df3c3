import { createTeamRunFunction } from "./team-run-function";

/** One team's promote run (from the schedule, the dashboard's Run now or a retry). */
export const promoteTeamRun = createTeamRunFunction("promote");
