import {
  type Bus,
  type BusLogger,
  type ChatMessage,
  publishReply,
  type Reply,
  RetryLaterError,
  subscribeChatMessages,
  type TypedHandler,
  type Unsubscribe,
} from "@jeeves/bus";
import { createMemoryOnceStore, type FeatureFlags, FLAG, type OnceStore } from "@jeeves/service-kit";
import { type WeatherReports, WeatherUnavailable } from "@jeeves/weather-client";
import type { Command } from "../domain/command.ts";
import { describeCommand } from "../domain/describe-command.ts";
import { parseCommand } from "../domain/parse-command.ts";
import {
  FAILURE_REPLY,
  RECORDS_UNAVAILABLE_REPLY,
  runCommand,
  WEATHER_UNAVAILABLE_REPLY,
} from "../domain/run-command.ts";
import { type ChatIdentity, RecordsUnavailable, type UserRecords } from "../domain/user-records.ts";

/** The bus group (queue) of the actions service. */
export const CONSUMER_GROUP = "actions";

/**
 * How long one delivery may hold a message before another delivery may answer it (a replica that died
 * while running it): longer than a command ever runs.
 */
export const ANSWER_LEASE_MS = 60_000;
/** How long an answered message is remembered (redeliveries, dead letters replayed the same day). */
export const ANSWERED_REMEMBERED_MS = 24 * 3_600_000;

/** The timings of the answered-messages store (namespace `actions:answered:` in Redis). */
export const answeredMessages = {
  namespace: "actions:answered:",
  leaseMs: ANSWER_LEASE_MS,
  doneMs: ANSWERED_REMEMBERED_MS,
};

/** Retry settings of the consumer; the defaults are the bus's. */
export const CONSUMER_DEFAULTS = { maxAttempts: 5, retryDelayMs: 5000 } as const;

/** The longest wait between two deliveries (the bus's default `maxRetryDelayMs`). */
const MAX_RETRY_DELAY_MS = 60_000;

/**
 * What a failed handling asks of the bus before the last attempt: records that said how long to wait
 * (503 or 429 with `Retry-After`) are tried again after that long, or after the backoff delay when it is
 * longer (at most 60 s), so a short outage of the dataservice is waited out instead of spending the
 * attempts in a few milliseconds; anything else is rethrown for the bus's own backoff.
 */
export function retryError(error: unknown, attempt: number, retryDelayMs: number): unknown {
  if (!(error instanceof RecordsUnavailable) || error.retryAfterMs === undefined) return error;
  const backoff = Math.min(retryDelayMs * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS);
  const delay = Math.min(Math.max(error.retryAfterMs, backoff), MAX_RETRY_DELAY_MS);
  return new RetryLaterError(`${error.message}; retry after ${delay} ms`, delay, { cause: error });
}

/** What the chat consumer needs. */
export interface ChatConsumerOptions {
  bus: Bus;
  records: UserRecords;
  /** The weather service; without it `weather` answers that weather is not available. */
  weather?: WeatherReports;
  logger: BusLogger;
  /** Deliveries of a message before it is answered with an apology (default 5). */
  maxAttempts?: number;
  /** Wait before each retry, in milliseconds (default 5000). */
  retryDelayMs?: number;
  /** The bus group to consume as (default `actions`). */
  group?: string;
  /** The clock for the replies' `time` (tests). */
  now?: () => Date;
  /**
   * The messages being answered or answered (Redis to share it between replicas; see
   * {@link answeredMessages}); default in this process's memory.
   */
  answered?: OnceStore;
  /** Feature flags: `time-command` decides per workspace and user whether `time` is a command (default off). */
  flags?: FeatureFlags;
}

const WORD = /^[\w-]+$/;

/** The slackbot replica a local message's answer goes to, when it names a valid one. */
function replicaOf(message: ChatMessage): string | undefined {
  const replica = message.reply_replica;
  return message.source === "local" && replica && WORD.test(replica) ? replica : undefined;
}

/**
 * Who wrote `message`: its source, team and user, and for the local chat the person whose token the
 * slackbot was called with (`person`, the local chat only: the bus spec says so).
 */
export function identityOf(message: ChatMessage): ChatIdentity {
  const identity: ChatIdentity = { source: message.source, team: message.team, user: message.user };
  if (message.source === "local" && message.person) identity.person = message.person;
  return identity;
}

/** The reply to `message`, back where it came from (in its thread), as plain text (the slackbot escapes it for Slack). */
export function replyTo(message: ChatMessage, text: string, time: Date): Reply {
  return {
    reply_to: message.message_id,
    destination: message.source,
    team: message.team,
    channel: message.channel,
    ...(message.thread ? { thread: message.thread } : {}),
    text,
    time: time.toISOString(),
  };
}

/**
 * Handles one chat message: parses its command, runs it on the records and publishes exactly one reply,
 * on `chat.reply.<source>` (or `chat.reply.local.<reply_replica>` for a local message that names the
 * slackbot replica waiting for it). When running it fails (the records or the weather are unreachable,
 * or anything unexpected) the handler throws so that the bus delivers the message again, except on the
 * last attempt: then it publishes an apology instead and resolves. Logs never hold what people wrote.
 *
 * The bus delivers at least once (a replica that dies after replying but before its ack gets the
 * message redelivered, maybe to another replica), so the message is claimed in `answered` (key
 * `<source>:<message_id>`) before the command runs: a message already answered is dropped; one being
 * answered elsewhere is retried once that claim is settled or expired; a failure frees the claim, and a
 * replica that dies before its reply was published leaves a claim that expires after its lease, after
 * which the redelivery answers. "Answered" is written after the bus confirmed the reply: a message is
 * answered twice only if the replica dies between that confirm and that write (one Redis round trip),
 * and then the slackbot's own dedupe of posted replies still posts it once.
 */
export function chatMessageHandler(options: ChatConsumerOptions): TypedHandler<ChatMessage> {
  const maxAttempts = options.maxAttempts ?? CONSUMER_DEFAULTS.maxAttempts;
  const now = options.now ?? (() => new Date());
  const answered = options.answered ?? createMemoryOnceStore(answeredMessages);
  return async (message, delivery) => {
    const command = await rolledOut(parseCommand(message.text), message, options.flags);
    const fields = {
      id: delivery.id,
      source: message.source,
      attempt: delivery.attempt,
      command: describeCommand(command),
    };
    const claim = await answered.claim(`${message.source}:${message.message_id || delivery.id}`);
    if (claim.status === "done") {
      options.logger.info(fields, "message already answered: dropped");
      return;
    }
    if (claim.status === "busy") {
      throw new RetryLaterError("the message is being answered by another delivery", claim.retryInMs);
    }
    try {
      const text = await answerText(message, command, delivery.attempt, fields);
      await publishReply(options.bus, replyTo(message, text, now()), { replica: replicaOf(message) });
    } catch (error) {
      await claim.release();
      throw error;
    }
    await claim.complete();
    options.logger.info(fields, "replied");
  };

  async function answerText(
    message: ChatMessage,
    command: Command,
    attempt: number,
    fields: Record<string, unknown>,
  ): Promise<string> {
    try {
      return await runCommand(command, {
        identity: identityOf(message),
        records: options.records,
        weather: options.weather,
        now,
      });
    } catch (error) {
      // Not the last attempt: the bus logs the failure and delivers the message again (after the
      // records' Retry-After when they gave one).
      if (attempt < maxAttempts) {
        throw retryError(error, attempt, options.retryDelayMs ?? CONSUMER_DEFAULTS.retryDelayMs);
      }
      const reason = error instanceof Error ? error.message : String(error);
      options.logger.error(
        { ...fields, error: reason },
        "command failed on its last attempt; answering with an apology",
      );
      return error instanceof RecordsUnavailable
        ? RECORDS_UNAVAILABLE_REPLY
        : error instanceof WeatherUnavailable
          ? WEATHER_UNAVAILABLE_REPLY
          : FAILURE_REPLY;
    }
  }
}

/**
 * A command still being rolled out (`time`, flag `time-command`) is unknown where its flag is off for the
 * message's workspace (Slack team id, or `local`) and user, and `help` lists it only where it is on.
 */
async function rolledOut(command: Command, message: ChatMessage, flags?: FeatureFlags): Promise<Command> {
  if (command.kind !== "time" && command.kind !== "help") return command;
  const context = { workspace: message.source === "local" ? "local" : (message.team ?? ""), user: message.user };
  const enabled = flags ? await flags.boolean(FLAG.TIME_COMMAND, false, context) : false;
  if (command.kind === "help") return { kind: "help", time: enabled };
  return enabled ? command : { kind: "unknown", text: "time" };
}

/** Subscribes the actions group to `chat.message.*`; resolves to the unsubscribe function. */
export function startChatConsumer(options: ChatConsumerOptions): Promise<Unsubscribe> {
  return subscribeChatMessages(options.bus, options.group ?? CONSUMER_GROUP, chatMessageHandler(options), {
    maxAttempts: options.maxAttempts ?? CONSUMER_DEFAULTS.maxAttempts,
    retryDelayMs: options.retryDelayMs ?? CONSUMER_DEFAULTS.retryDelayMs,
  });
}
