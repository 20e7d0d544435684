/** The scopes the slackbot asks the TokenDealer for, for the dataservice: bot tokens, installs, uninstalls. */
export const DATASERVICE_SCOPES = ["workspaces:read", "workspaces:write", "workspaces:secrets"];

/**
 * Every token the slackbot asks for: scopes by audience, exactly what the operations it calls need.
 * The TokenDealer's default client `slackbot` holds exactly these (services/suite checks it).
 */
export const TOKEN_SCOPES: Readonly<Record<string, readonly string[]>> = { dataservice: DATASERVICE_SCOPES };
