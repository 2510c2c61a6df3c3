import { createTeamRunFunction } from "./team-run-function";

/** One team's extract run (from the schedule, the dashboard's Run now or a retry). */
export const extractTeamRun = createTeamRunFunction("extract");
