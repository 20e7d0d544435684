import {
  type Bus,
  PermanentError,
  type Reply,
  RetryLaterError,
  type SubscribeOptions,
  subscribeReplies,
  type Unsubscribe,
} from "@jeeves/bus";
import type { OutboundObserver } from "@jeeves/client-kit";
import { createMemoryOnceStore, type OnceStore } from "@jeeves/service-kit";
import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from "@slack/web-api";
import { PERMANENT_SLACK_ERRORS, TOKEN_SLACK_ERRORS } from "../domain/slack-post-errors.ts";
import { encodeSlackText } from "../domain/slack-text.ts";
import { createSlackPoster, type WarnLogger } from "./slack-client.ts";
import { observedSlackPoster } from "./slack-metrics.ts";
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
  /**
   * The replies being posted or posted (by `reply_to`): Redis to share it between replicas (see
   * {@link postedReplies}); default in this process's memory.
   */
  posted?: OnceStore;
  /** Where each Slack call's outcome is counted (the app's `metrics.outbound("slack")`). */
  slackCalls?: OutboundObserver;
}

/** How long a post may hold its claim before another delivery may post the same reply (a dead replica's). */
export const POST_LEASE_MS = 120_000;
/** How long a posted reply is remembered (redeliveries, dead letters replayed the same day). */
export const POSTED_REMEMBERED_MS = 24 * 3_600_000;

/** The timings of the posted-replies store (namespace `slackbot:reply:` in Redis). */
export const postedReplies = { namespace: "slackbot:reply:", leaseMs: POST_LEASE_MS, doneMs: POSTED_REMEMBERED_MS };

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
 * token, the reply's plain text escaped for Slack (`&`, `<`, `>`). The bus delivers at least once, so each
 * `reply_to` is claimed in `posted` before the post: a reply already posted is dropped; one being posted
 * elsewhere (another replica, after a redelivery) is retried once that claim is settled or expired; a
 * failed post frees it. A reply is posted twice only if a replica dies between Slack's answer and the
 * write of "posted" (one Redis round trip). When Slack refuses a cached token, the token is
 * fetched again and, if the workspace has a new one, the post is tried once more at once.
 */
export async function startReplyPoster(options: ReplyPosterOptions): Promise<Unsubscribe> {
  const posted = options.posted ?? createMemoryOnceStore(postedReplies);
  const { log, workspaces } = options;
  const postToSlack = observedSlackPoster(
    createSlackPoster({ slackApiUrl: options.slackApiUrl, log }),
    options.slackCalls,
  );

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
      const claim = await posted.claim(reply.reply_to);
      if (claim.status === "done") {
        log.info({ ...fields, attempt: message.attempt }, "reply already posted: dropped");
        return;
      }
      if (claim.status === "busy") {
        throw new RetryLaterError("the reply is being posted by another delivery", claim.retryInMs);
      }
      let ts: string | undefined;
      try {
        ts = await post(reply);
      } catch (error) {
        await claim.release();
        throw toBusFailure(error);
      }
      await claim.complete();
      log.info({ ...fields, ts }, "reply posted to Slack");
    },
    { ...options.retry, destination: "slack" },
  );
}
