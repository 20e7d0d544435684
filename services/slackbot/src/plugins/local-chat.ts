import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { type LocalChat, startLocalChat } from "../adapters/local-chat.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** The local chat's reply subscription and waiting requests; `running` until the app closes. */
    localChat: LocalChat & { timeoutMs: number; now: () => number; running: boolean };
  }
}

/** Subscribes to `chat.reply.local` (group `slackbot-chat`) for `POST /chat`; stops when the app closes. */
export const localChatPlugin = fp(
  async (app: FastifyInstance, options: { timeoutMs: number; now: () => number }) => {
    const chat = await startLocalChat(app.bus, app.log.child({ component: "local-chat" }));
    const state = Object.assign(chat, { timeoutMs: options.timeoutMs, now: options.now, running: true });
    app.decorate("localChat", state);
    app.addHook("onClose", async () => {
      state.running = false;
      await chat.stop();
    });
  },
  { name: "slackbot-local-chat", dependencies: ["slackbot-bus"] },
);
