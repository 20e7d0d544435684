import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { type LocalChat, startLocalChat } from "../adapters/local-chat.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** The local chat's reply subscriptions and waiting requests; `running` until the app closes. */
    localChat: LocalChat & { timeoutMs: number; now: () => number; running: boolean };
  }
}

/** Options of the local chat plugin. */
export interface LocalChatPluginOptions {
  timeoutMs: number;
  now: () => number;
  /** This replica's id (its transient reply queue, its messages' `reply_replica`); default a new one. */
  replicaId?: string;
}

/**
 * Subscribes to this replica's `chat.reply.local.<replicaId>` (a transient group of its own) and to
 * `chat.reply.local` (group `slackbot-chat`) for `POST /chat`; stops when the app closes.
 */
export const localChatPlugin = fp(
  async (app: FastifyInstance, options: LocalChatPluginOptions) => {
    const chat = await startLocalChat(app.bus, app.log.child({ component: "local-chat" }), options.replicaId);
    const state = Object.assign(chat, { timeoutMs: options.timeoutMs, now: options.now, running: true });
    app.decorate("localChat", state);
    app.addHook("onClose", async () => {
      state.running = false;
      await chat.stop();
    });
  },
  { name: "slackbot-local-chat", dependencies: ["slackbot-bus"] },
);
