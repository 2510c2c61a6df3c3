import { expireSchedule } from "./expire-schedule";
import { expireTeamRun } from "./expire-team-run";
import { extractSchedule } from "./extract-schedule";
import { extractTeamRun } from "./extract-team-run";
import { promoteSchedule } from "./promote-schedule";
import { promoteTeamRun } from "./promote-team-run";

export const functions = [extractSchedule, extractTeamRun, promoteSchedule, promoteTeamRun, expireSchedule, expireTeamRun];
