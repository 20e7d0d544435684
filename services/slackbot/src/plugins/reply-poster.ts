import type { SubscribeOptions } from "@jeeves/bus";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { startReplyPoster } from "../adapters/reply-poster.ts";

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

/** Starts posting `chat.reply.slack` replies to Slack (group `slackbot`); stops when the app closes. */
export const replyPosterPlugin = fp(
  async (app: FastifyInstance, options: ReplyPosterPluginOptions) => {
    const stop = await startReplyPoster({
      bus: app.bus,
      workspaces: app.workspaces,
      slackApiUrl: options.slackApiUrl,
      log: app.log.child({ component: "reply-poster" }),
      retry: options.retry,
    });
    const state = { running: true };
    app.decorate("replyPoster", state);
    app.addHook("onClose", async () => {
      state.running = false;
      await stop();
    });
  },
  { name: "slackbot-reply-poster", dependencies: ["slackbot-bus", "slackbot-workspaces"] },
);
