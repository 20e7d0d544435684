import type { Bus, Unsubscribe } from "@jeeves/bus";
import { createOnceStore, type OnceStoreOptions } from "@jeeves/service-kit";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { answeredMessages, startChatConsumer } from "../adapters/chat-consumer.ts";

/** What `/ready` reads about the consumer. */
export interface ChatConsumerState {
  /** True from the moment the app is ready until it closes. */
  readonly subscribed: boolean;
}

declare module "fastify" {
  interface FastifyInstance {
    /** The bus subscription to `chat.message.*`. */
    chatConsumer: ChatConsumerState;
  }
}

/** Options of the chat consumer plugin. The bus is the caller's: the app never closes it. */
export interface ChatConsumerPluginOptions {
  bus: Bus;
  maxAttempts?: number;
  retryDelayMs?: number;
  /** The bus group (default `actions`). */
  group?: string;
  /** The lease and memory of answered messages (default {@link answeredMessages}'s; tests shorten them). */
  answered?: Partial<OnceStoreOptions>;
}

/**
 * Consumes `chat.message.*` from the bus once the app is ready (`ready()` or `listen()`), answering on
 * `chat.reply.<source>`, and unsubscribes on close, after the running handlers have finished. Each
 * message is answered once: its id is claimed in Redis when the app has it (shared by every replica),
 * else in memory.
 */
export const chatConsumerPlugin = fp(
  async (app: FastifyInstance, options: ChatConsumerPluginOptions) => {
    let stop: Unsubscribe | undefined;
    app.decorate("chatConsumer", {
      get subscribed() {
        return stop !== undefined;
      },
    });
    const answered = createOnceStore({
      ...answeredMessages,
      ...options.answered,
      redis: app.redis,
      log: app.log.child({ component: "answered-messages" }),
    });
    app.addHook("onReady", async () => {
      stop = await startChatConsumer({
        answered,
        bus: options.bus,
        records: app.records,
        weather: app.commandWeather,
        logger: app.log,
        maxAttempts: options.maxAttempts,
        retryDelayMs: options.retryDelayMs,
        group: options.group,
        flags: app.flags,
      });
      app.log.info({ group: options.group ?? "actions" }, "consuming chat messages");
    });
    app.addHook("onClose", async () => {
      const unsubscribe = stop;
      stop = undefined;
      await unsubscribe?.();
    });
  },
  {
    name: "actions-chat-consumer",
    dependencies: ["actions-records", "actions-weather", "jeeves-redis", "feature-flags"],
  },
);
