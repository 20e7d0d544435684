import type { OperationRateLimit } from "@jeeves/service-kit";

/** Requests per minute allowed per address on the slackbot's public operations. */
export interface SlackbotRateLimits {
  /** `POST /slack/events`. Default 1200: Slack sends from many addresses, and a busy workspace sends a lot. */
  slackEventsPerMinute?: number;
  /** `POST /chat`. Default 120. */
  chatPerMinute?: number;
}

/** The defaults: far above what Slack or a person at the local chat sends. */
export const DEFAULT_RATE_LIMITS = { slackEventsPerMinute: 1200, chatPerMinute: 120 } as const;

/**
 * The limits by operation, per address, counted as a request arrives: before the Slack signature is
 * checked or the body read (after the bearer token for `/chat`).
 */
export function rateLimits(limits: SlackbotRateLimits = {}): Record<string, OperationRateLimit> {
  return {
    receiveSlackEvent: { max: limits.slackEventsPerMinute ?? DEFAULT_RATE_LIMITS.slackEventsPerMinute },
    sendChatMessage: { max: limits.chatPerMinute ?? DEFAULT_RATE_LIMITS.chatPerMinute },
  };
}
