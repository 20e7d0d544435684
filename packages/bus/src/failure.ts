import type { SubscribeOptions } from "./types.ts";

/**
 * Throw from a handler when retrying cannot help (say, Slack's `channel_not_found`): the message goes
 * straight to the group's dead letters, with a log line, whatever attempt it is on.
 */
export class PermanentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PermanentError";
  }
}

/**
 * Throw from a handler to have the message retried after `delayMs` instead of the backoff delay (say,
 * Slack's `Retry-After`). It still counts as an attempt.
 */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly delayMs: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "RetryLaterError";
  }
}

/** What happens to a message whose handler failed. */
export type FailureOutcome = { dead: true; permanent: boolean } | { dead: false; delayMs: number };

/**
 * Decides between a retry and the dead letters: a PermanentError or a spent `maxAttempts` is dead;
 * otherwise the retry waits `retryDelayMs × retryBackoff^(attempt − 1)`, at most `maxRetryDelayMs`, or
 * the RetryLaterError's own delay.
 */
export function onFailure(error: unknown, attempt: number, options: Required<SubscribeOptions>): FailureOutcome {
  if (error instanceof PermanentError) return { dead: true, permanent: true };
  if (attempt >= options.maxAttempts) return { dead: true, permanent: false };
  if (error instanceof RetryLaterError && Number.isFinite(error.delayMs) && error.delayMs >= 0) {
    return { dead: false, delayMs: Math.round(error.delayMs) };
  }
  const delay = options.retryDelayMs * options.retryBackoff ** (attempt - 1);
  return { dead: false, delayMs: Math.min(delay, Math.max(options.maxRetryDelayMs, options.retryDelayMs)) };
}

/** The log line of a dead-lettered message. */
export function deadLetterMessage(outcome: { permanent: boolean }): string {
  return outcome.permanent
    ? "message dead-lettered: the handler reported a permanent failure"
    : "message dead-lettered after its last attempt";
}
