import type { SubscribeOptions } from "@jeeves/bus";
import { createOnceStore } from "@jeeves/service-kit";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { postedReplies, startReplyPoster } from "../adapters/reply-poster.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** The `chat.reply.slack` subscription; `running` until the app closes. */
    replyPoster: { running: boolean };
  }
}

/** Options of the reply poster plugin. */
export interface ReplyPosterPluginOptions {
  slackApiUrl: string;
  retry?: Omit<SubscribeOptions, "prefetch">;
}

/**
 * Starts posting `chat.reply.slack` replies to Slack (group `slackbot`), each reply once (its `reply_to`
 * claimed in Redis when the app has it, else in memory); stops when the app closes.
 */
export const replyPosterPlugin = fp(
  async (app: FastifyInstance, options: ReplyPosterPluginOptions) => {
    const log = app.log.child({ component: "reply-poster" });
    const stop = await startReplyPoster({
      bus: app.bus,
      workspaces: app.workspaces,
      slackApiUrl: options.slackApiUrl,
      log,
      retry: options.retry,
      slackCalls: app.metrics.outbound("slack"),
      // Shared by every replica when the app has Redis: a redelivered reply is not posted twice.
      posted: createOnceStore({ ...postedReplies, redis: app.redis, log }),
    });
    const state = { running: true };
    app.decorate("replyPoster", state);
    app.addHook("onClose", async () => {
      state.running = false;
      await stop();
    });
  },
  { name: "slackbot-reply-poster", dependencies: ["slackbot-bus", "slackbot-workspaces", "jeeves-redis"] },
);
