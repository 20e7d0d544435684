/**
 * The team id the local chat's people are kept under in the dataservice (which finds users by Slack
 * identity only): actions creates them under it, the scheduler sends them no Slack alerts.
 */
export const LOCAL_TEAM_ID = "TLOCAL";
