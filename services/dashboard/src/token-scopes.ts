import manifest from "../service.json" with { type: "json" };

/**
 * Every token the dashboard asks for with its own client (client credentials): scopes by audience, as
 * its manifest declares them (`service.json`, `client.scopes`): only `users:read` at the dataservice (the
 * password check). The TokenDealer's default client `dashboard` holds exactly these.
 */
export const TOKEN_SCOPES: Readonly<Record<string, readonly string[]>> = manifest.client.scopes;

/**
 * The scopes of the tokens the TokenDealer issues for a person through the dashboard (token exchange),
 * by audience (`client.personScopes`): what the person's calls to the dataservice need, and `chat:write`
 * at the slackbot (the chat speaks as the person). The dataservice then decides, by the person, what they
 * may do with them.
 */
export const PERSON_SCOPES: Readonly<Record<string, readonly string[]>> = manifest.client.personScopes;
