/**
 * `chat.postMessage` errors (`ok: false`) that no retry can fix: the channel or the token is wrong, the
 * app was removed, or the message itself is refused. A reply failing with one goes to the dead letters.
 * Anything else (`internal_error`, `ratelimited`, `service_unavailable`, `fatal_error`, unknown codes) is
 * retried.
 */
export const PERMANENT_SLACK_ERRORS: ReadonlySet<string> = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "msg_too_long",
  "no_text",
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "token_expired",
  "missing_scope",
  "invalid_arguments",
  "restricted_action",
]);

/** Errors that say the bot token is no good: a cached token must be dropped (the workspace may have a new one). */
export const TOKEN_SLACK_ERRORS: ReadonlySet<string> = new Set([
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "token_expired",
]);
