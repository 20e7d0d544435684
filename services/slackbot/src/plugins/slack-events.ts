import { createOnceStore, type OnceStore } from "@jeeves/service-kit";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** The path Slack posts events to (operation `receiveSlackEvent`). */
export const SLACK_EVENTS_PATH = "/slack/events";

/** How long a published event id is remembered: Slack retries one event over about 6 minutes. */
export const EVENT_REMEMBERED_MS = 3_600_000;

/** What the Events API handler needs beside the bus. */
export interface SlackEvents {
  /**
   * The event ids being published or published recently (Redis when the app has it, shared by every
   * replica; else memory): Slack's retries of one event are published once.
   */
  deduper: OnceStore;
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
 * An event is claimed for the publish's time (plus a margin: a replica that dies mid-publish frees it
 * then), remembered {@link EVENT_REMEMBERED_MS} once published.
 */
export const slackEventsPlugin = fp(
  async (app: FastifyInstance, options: { now: () => number; publishTimeoutMs: number }) => {
    app.decorate("slackEvents", {
      deduper: createOnceStore({
        redis: app.redis,
        namespace: "slackbot:event:",
        leaseMs: options.publishTimeoutMs + 10_000,
        doneMs: EVENT_REMEMBERED_MS,
        now: options.now,
        log: app.log.child({ component: "event-dedupe" }),
      }),
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
  { name: "slackbot-slack-events", dependencies: ["jeeves-redis"] },
);
