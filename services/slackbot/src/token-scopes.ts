import manifest from "../service.json" with { type: "json" };

/**
 * Every token the slackbot asks for: scopes by audience, exactly what the operations it calls need, as
 * its manifest declares them (`service.json`, `client.scopes`). The TokenDealer's default client
 * `slackbot` holds exactly these, from the same file (services/suite checks they are what the calls need).
 */
export const TOKEN_SCOPES: Readonly<Record<string, readonly string[]>> = manifest.client.scopes;

/** The scopes the slackbot asks the TokenDealer for, for the dataservice: bot tokens, installs, uninstalls. */
export const DATASERVICE_SCOPES: string[] = manifest.client.scopes.dataservice;
