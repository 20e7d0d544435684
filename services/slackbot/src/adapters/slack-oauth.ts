import { createSlackWebApiClient } from "@jeeves/client-kit/clients/slack-web-api";
import { parseScopes } from "../domain/slack-install.ts";

/** A workspace Jeeves was just installed in, as `oauth.v2.access` described it. */
export interface InstalledWorkspace {
  teamId: string;
  teamName: string;
  botUserId: string;
  /** The bot token (`xoxb-…`): a secret, never logged. */
  botToken: string;
  scopes: string[];
  appId?: string;
}

/** What exchanging an install code needs. */
export interface SlackOauthOptions {
  /** Slack's Web API base URL (`SLACK_API_URL`), e.g. `https://slack.com/api/`. */
  slackApiUrl: string;
  clientId: string;
  /** The app's client secret: sent to Slack only, never logged. */
  clientSecret: string;
  /** The fetch to use; default the global one. */
  fetch?: (request: Request) => Promise<Response>;
}

/**
 * Slack refused the exchange: `ok: false` with Slack's error `code` (`invalid_code`, `bad_redirect_uri`,
 * `bad_client_secret`…), an HTTP status it should not answer, or an answer without a workspace bot token.
 * The message names the code or status only, never a secret.
 */
export class SlackOauthError extends Error {
  constructor(
    readonly code: string,
    message = `oauth.v2.access failed: ${code}`,
  ) {
    super(message);
    this.name = "SlackOauthError";
  }
}

/** Exchanges the `code` of an install redirect for the workspace's bot token. */
export type ExchangeInstallCode = (code: string, redirectUri: string) => Promise<InstalledWorkspace>;

/**
 * Calls `oauth.v2.access` through the client generated from our Slack subset spec, form-encoded (the
 * client kit sends a non-JSON body as it is: openapi-fetch needs both the bodySerializer and the
 * Content-Type header), with `client_id` and `client_secret` as fields and no bearer token. Rejects with
 * {@link SlackOauthError} when Slack refuses, and when the answer is not a bot install of one workspace.
 */
export function slackOauthExchange(options: SlackOauthOptions): ExchangeInstallCode {
  const client = createSlackWebApiClient({
    baseUrl: options.slackApiUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return async (code, redirectUri) => {
    const { data, response } = await client.POST("/oauth.v2.access", {
      body: { code, client_id: options.clientId, client_secret: options.clientSecret, redirect_uri: redirectUri },
      bodySerializer: (body) => new URLSearchParams(body as Record<string, string>).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    if (response.status === 429) throw new SlackOauthError("ratelimited");
    if (response.status !== 200 || !data) {
      throw new SlackOauthError(`http_${response.status}`, `oauth.v2.access answered HTTP ${response.status}`);
    }
    if (!data.ok) throw new SlackOauthError("error" in data && data.error ? data.error : "unknown_error");
    if (!("access_token" in data) || data.token_type !== "bot" || !data.access_token) {
      throw new SlackOauthError("no_bot_token", "oauth.v2.access answered without a bot token");
    }
    if (!data.team?.id) {
      throw new SlackOauthError(
        "no_team",
        "oauth.v2.access answered without a workspace (an organization-wide install?)",
      );
    }
    return {
      teamId: data.team.id,
      teamName: data.team.name || data.team.id,
      botUserId: data.bot_user_id,
      botToken: data.access_token,
      scopes: parseScopes(data.scope),
      ...(data.app_id ? { appId: data.app_id } : {}),
    };
  };
}
