import {
  type Bus,
  PermanentError,
  type Reply,
  RetryLaterError,
  type SubscribeOptions,
  subscribeReplies,
  type Unsubscribe,
} from "@jeeves/bus";
import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from "@slack/web-api";
import { createEventDeduper, type EventDeduper } from "../domain/event-deduper.ts";
import { PERMANENT_SLACK_ERRORS, TOKEN_SLACK_ERRORS } from "../domain/slack-post-errors.ts";
import { encodeSlackText } from "../domain/slack-text.ts";
import { createSlackPoster, type WarnLogger } from "./slack-client.ts";
import { UnknownWorkspaceError, type WorkspaceTokens } from "./workspace-tokens.ts";

/** The bus group (one durable queue) whose subscribers post replies to Slack. */
export const REPLY_POSTER_GROUP = "slackbot";

/** The logger the poster writes to (pino's shape). */
export interface PosterLogger extends WarnLogger {
  info(fields: Record<string, unknown>, message: string): void;
}

/** Options of {@link startReplyPoster}. */
export interface ReplyPosterOptions {
  bus: Bus;
  /** Where bot tokens come from; without it every Slack reply fails permanently (logged, dead-lettered). */
  workspaces?: WorkspaceTokens;
  /** Slack's Web API base URL, ending with `/`. */
  slackApiUrl: string;
  log: PosterLogger;
  /** Retries of a failing post (the bus's subscribe options: maxAttempts, retryDelayMs…). */
  retry?: Omit<SubscribeOptions, "prefetch">;
  /** Remembers the replies already posted (by `reply_to`); default one hour in memory. */
  posted?: EventDeduper;
}

function slackErrorCode(error: unknown): string | undefined {
  return error instanceof WebAPIPlatformError ? error.data.error : undefined;
}

/**
 * Maps a failed post to what the bus should do: a 429 waits out Slack's `Retry-After`
 * (RetryLaterError); an error no retry can fix (see PERMANENT_SLACK_ERRORS, or a workspace the
 * dataservice does not know) goes straight to the dead letters (PermanentError); anything else is
 * retried with the bus's backoff. Messages name Slack's error code, never a token.
 */
export function toBusFailure(error: unknown): Error {
  if (error instanceof UnknownWorkspaceError) return new PermanentError(error.message, { cause: error });
  if (error instanceof WebAPIRateLimitedError) {
    return new RetryLaterError(
      `Slack rate-limited chat.postMessage (Retry-After ${error.retryAfter} s)`,
      error.retryAfter * 1000,
      { cause: error },
    );
  }
  const code = slackErrorCode(error);
  if (code !== undefined) {
    const message = `chat.postMessage failed: ${code}`;
    return PERMANENT_SLACK_ERRORS.has(code) ? new PermanentError(message, { cause: error }) : new Error(message);
  }
  if (error instanceof WebAPIHTTPError) return new Error(`chat.postMessage answered HTTP ${error.statusCode}`);
  if (error instanceof WebAPIRequestError)
    return new Error(`chat.postMessage did not reach Slack: ${error.original.message}`);
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Subscribes the group `slackbot` to `chat.reply.slack` and posts each Reply with `chat.postMessage`:
 * to `reply.user` (a direct message) or `reply.channel`, in `reply.thread`, with the workspace's bot
 * token, the reply's plain text escaped for Slack (`&`, `<`, `>`). A reply whose `reply_to` was already posted is dropped (the bus delivers at least once); a
 * `reply_to` is remembered only once its post succeeded. When Slack refuses a cached token, the token is
 * fetched again and, if the workspace has a new one, the post is tried once more at once.
 */
export async function startReplyPoster(options: ReplyPosterOptions): Promise<Unsubscribe> {
  const posted = options.posted ?? createEventDeduper();
  const { log, workspaces } = options;
  const postToSlack = createSlackPoster({ slackApiUrl: options.slackApiUrl, log });

  async function post(reply: Reply): Promise<string | undefined> {
    if (!workspaces) throw new PermanentError("no workspace store is configured: cannot post to Slack");
    const target = { channel: reply.user ?? reply.channel, text: encodeSlackText(reply.text), threadTs: reply.thread };
    const token = await workspaces.botToken(reply.team);
    try {
      return await postToSlack(token, target);
    } catch (error) {
      const code = slackErrorCode(error);
      if (code === undefined || !TOKEN_SLACK_ERRORS.has(code)) throw error;
      workspaces.forget(reply.team);
      const fresh = await workspaces.botToken(reply.team);
      if (fresh === token) throw error;
      return postToSlack(fresh, target);
    }
  }

  return subscribeReplies(
    options.bus,
    REPLY_POSTER_GROUP,
    async (reply, message) => {
      const fields = { reply_to: reply.reply_to, team: reply.team, channel: reply.user ?? reply.channel };
      if (!posted.firstTime(reply.reply_to)) {
        log.info({ ...fields, attempt: message.attempt }, "reply already posted: dropped");
        return;
      }
      try {
        const ts = await post(reply);
        log.info({ ...fields, ts }, "reply posted to Slack");
      } catch (error) {
        posted.forget(reply.reply_to);
        throw toBusFailure(error);
      }
    },
    { ...options.retry, destination: "slack" },
  );
}
