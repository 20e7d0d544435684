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
import { type WeatherReports, WeatherUnavailable } from "@jeeves/weather-client";
import { describeCommand } from "../domain/describe-command.ts";
import { parseCommand } from "../domain/parse-command.ts";
import {
  FAILURE_REPLY,
  RECORDS_UNAVAILABLE_REPLY,
  runCommand,
  WEATHER_UNAVAILABLE_REPLY,
} from "../domain/run-command.ts";
import { RecordsUnavailable, type UserRecords } from "../domain/user-records.ts";

/** The bus group (queue) of the actions service. */
export const CONSUMER_GROUP = "actions";

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
 * Handles one chat message: parses its command, runs it on the records and publishes exactly one reply.
 * When running it fails (the records or the weather are unreachable, or anything unexpected) the
 * handler throws so that the bus delivers the message again, except on the last attempt: then it
 * publishes an apology instead and resolves. A redelivered message is run again (the commands are
 * idempotent; the slackbot drops a second reply to the same message). Logs never hold what people wrote.
 */
export function chatMessageHandler(options: ChatConsumerOptions): TypedHandler<ChatMessage> {
  const maxAttempts = options.maxAttempts ?? CONSUMER_DEFAULTS.maxAttempts;
  const now = options.now ?? (() => new Date());
  return async (message, delivery) => {
    const command = parseCommand(message.text);
    const fields = {
      id: delivery.id,
      source: message.source,
      attempt: delivery.attempt,
      command: describeCommand(command),
    };
    let text: string;
    try {
      text = await runCommand(command, {
        identity: { source: message.source, team: message.team, user: message.user },
        records: options.records,
        weather: options.weather,
      });
    } catch (error) {
      // Not the last attempt: the bus logs the failure and delivers the message again (after the
      // records' Retry-After when they gave one).
      if (delivery.attempt < maxAttempts) {
        throw retryError(error, delivery.attempt, options.retryDelayMs ?? CONSUMER_DEFAULTS.retryDelayMs);
      }
      const reason = error instanceof Error ? error.message : String(error);
      options.logger.error(
        { ...fields, error: reason },
        "command failed on its last attempt; answering with an apology",
      );
      text =
        error instanceof RecordsUnavailable
          ? RECORDS_UNAVAILABLE_REPLY
          : error instanceof WeatherUnavailable
            ? WEATHER_UNAVAILABLE_REPLY
            : FAILURE_REPLY;
    }
    await publishReply(options.bus, replyTo(message, text, now()));
    options.logger.info(fields, "replied");
  };
}

/** Subscribes the actions group to `chat.message.*`; resolves to the unsubscribe function. */
export function startChatConsumer(options: ChatConsumerOptions): Promise<Unsubscribe> {
  return subscribeChatMessages(options.bus, options.group ?? CONSUMER_GROUP, chatMessageHandler(options), {
    maxAttempts: options.maxAttempts ?? CONSUMER_DEFAULTS.maxAttempts,
    retryDelayMs: options.retryDelayMs ?? CONSUMER_DEFAULTS.retryDelayMs,
  });
}
