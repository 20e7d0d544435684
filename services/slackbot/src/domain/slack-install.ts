/** Slack's OAuth v2 authorize page. */
export const DEFAULT_SLACK_AUTHORIZE_URL = "https://slack.com/oauth/v2/authorize";

/** The bot scopes Jeeves asks for: mentions, posting, and direct messages (read and open). */
export const BOT_SCOPES = ["app_mentions:read", "chat:write", "im:history", "im:write"] as const;

/** The embedded default's public base URL of the slackbot (`SLACKBOT_PUBLIC_URL`). */
export const DEFAULT_PUBLIC_URL = "http://127.0.0.1:3002";

/** The path Slack redirects back to (operation `finishSlackInstall`). */
export const SLACK_CALLBACK_PATH = "/slack/oauth/callback";

/** What the authorize redirect carries. */
export interface AuthorizeParams {
  clientId: string;
  scopes: readonly string[];
  redirectUri: string;
  state: string;
}

/**
 * Slack's authorize URL for an install: the base (`SLACK_OAUTH_AUTHORIZE_URL`) with `client_id`, `scope`
 * (comma-separated), `redirect_uri` and `state` set, URL-encoded.
 */
export function authorizeUrl(base: string, params: AuthorizeParams): string {
  const url = new URL(base);
  url.searchParams.set("client_id", params.clientId);
  url.searchParams.set("scope", params.scopes.join(","));
  url.searchParams.set("redirect_uri", params.redirectUri);
  url.searchParams.set("state", params.state);
  return url.toString();
}

/** Slack's `scope` answer (`"chat:write,im:write"`) as a list, without blanks or repeats. */
export function parseScopes(scope: string | undefined): string[] {
  const scopes = (scope ?? "").split(",").map((s) => s.trim());
  return [...new Set(scopes.filter((s) => s.length > 0))];
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** The page a successful install answers: "Jeeves is installed in <team>" (the name escaped). */
export function installedPage(teamName: string): string {
  const team = escapeHtml(teamName);
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    "<title>Jeeves is installed</title></head>",
    `<body><h1>Jeeves is installed in ${team}</h1>`,
    "<p>Mention @Jeeves in a channel, or write to it directly. You can close this page.</p></body></html>",
  ].join("");
}
