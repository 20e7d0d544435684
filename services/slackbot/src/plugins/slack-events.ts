import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { createEventDeduper, type EventDeduper } from "../domain/event-deduper.ts";

/** The path Slack posts events to (operation `receiveSlackEvent`). */
export const SLACK_EVENTS_PATH = "/slack/events";

/** What the Events API handler needs beside the bus. */
export interface SlackEvents {
  /** The event ids handled recently: Slack's retries of one event are published once. */
  deduper: EventDeduper;
  /** How long a publish may take before Slack gets 503 (it waits 3 s for the whole answer). */
  publishTimeoutMs: number;
  /** The clock, in ms. */
  now: () => number;
}

declare module "fastify" {
  interface FastifyInstance {
    slackEvents: SlackEvents;
  }
}

/**
 * Decorates `app.slackEvents`, and marks every 400 of `POST /slack/events` (the handler's, the JSON
 * parser's, the validator's) with `X-Slack-No-Retry: 1`: Slack must not resend a body it got wrong.
 */
export const slackEventsPlugin = fp(
  async (app: FastifyInstance, options: { now: () => number; publishTimeoutMs: number }) => {
    app.decorate("slackEvents", {
      deduper: createEventDeduper({ now: options.now }),
      publishTimeoutMs: options.publishTimeoutMs,
      now: options.now,
    });
    app.addHook("onSend", async (request, reply, payload) => {
      if (reply.statusCode === 400 && request.routeOptions.url === SLACK_EVENTS_PATH) {
        reply.header("x-slack-no-retry", "1");
      }
      return payload;
    });
  },
  { name: "slackbot-slack-events" },
);
