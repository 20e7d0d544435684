import { randomUUID } from "node:crypto";
import {
  type Bus,
  type ChatMessage,
  MemoryBus,
  publishChatMessage,
  type Reply,
  silentLogger,
  subscribeReplies,
  type Unsubscribe,
} from "@jeeves/bus";
import { createTokenProvider } from "@jeeves/client-kit";
import { buildTestDataservice } from "@jeeves/dataservice/testing";
import { startTestTokenDealer, type TestTokenDealer } from "@jeeves/tokendealer/testing";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { createDataserviceRecords } from "../src/adapters/dataservice-records.ts";
import { type AppOptions, buildApp } from "../src/app.ts";
import type { UserRecords } from "../src/domain/user-records.ts";
import { DATASERVICE_SCOPES } from "../src/service.ts";
import { chatMessage } from "./chat-message.ts";

/** Options of {@link startTestActions}. */
export interface TestActionsOptions {
  /** The bus to work on (shared with, say, a test slackbot); default a new MemoryBus, closed by `close()`. */
  bus?: Bus;
  /**
   * Records to use instead of a dataservice: pass `new MemoryRecords()` for fast tests. Without it a
   * real TokenDealer (`dealer`, or a new one) and a real dataservice on SQLite in memory are started.
   */
  records?: UserRecords;
  /** The TokenDealer the test dataservice trusts; a new one (unref'd) when absent. */
  dealer?: TestTokenDealer;
  /** Wraps the fetch the records use to reach the dataservice (make it fail, count calls). */
  wrapFetch?: (fetch: (input: Request) => Promise<Response>) => (input: Request) => Promise<Response>;
  /** Retries (default 3 attempts 10 ms apart, so that failures show quickly), group, answered messages' timings. */
  consumer?: AppOptions["consumer"];
  /** A Redis to remember the answered messages in (shared by several test services); default memory. */
  redisUrl?: string;
  /** The Redis keys' prefix (a unique one per test). */
  redisKeyPrefix?: string;
  logger?: FastifyServerOptions["logger"];
}

/** A running actions service for tests, and what it runs on. */
export interface TestActions {
  /** The actions app, ready and consuming (not listening). */
  app: FastifyInstance;
  bus: Bus;
  /** The test dataservice's URL, when one was started. */
  dataserviceUrl?: string;
  /** Every reply seen on `chat.reply.*` since the start, oldest first. */
  replies: Reply[];
  /** Publishes `chatMessage(text, overrides)` and resolves with its reply (rejects after `timeoutMs`, 15 s). */
  send(text: string, overrides?: Partial<ChatMessage>, timeoutMs?: number): Promise<Reply>;
  /** Closes the app, then the dataservice and the bus it started (not those it was given). */
  close(): Promise<void>;
}

/**
 * Starts the actions service for tests: on a MemoryBus (or the given bus), against a real test
 * dataservice on a real TokenDealer (or the given records), ready and consuming. Replies are collected
 * under the bus group `actions-test-replies`.
 */
export async function startTestActions(options: TestActionsOptions = {}): Promise<TestActions> {
  const bus = options.bus ?? new MemoryBus({ logger: silentLogger });
  const cleanups: (() => Promise<void>)[] = options.bus ? [] : [() => bus.close()];
  const closeAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    let records = options.records;
    let dataserviceUrl: string | undefined;
    if (!records) {
      const dealer = options.dealer ?? (await startTestTokenDealer({ unref: true }));
      if (!options.dealer) cleanups.push(() => dealer.close());
      const client = await dealer.addClient(`actions-test-${randomUUID().slice(0, 8)}`, DATASERVICE_SCOPES, [
        "dataservice",
      ]);
      const dataservice = await buildTestDataservice(dealer);
      cleanups.push(() => dataservice.close());
      dataserviceUrl = await dataservice.app.listen({ port: 0, host: "127.0.0.1" });
      const base = (input: Request) => fetch(input);
      records = createDataserviceRecords({
        baseUrl: dataserviceUrl,
        auth: createTokenProvider({
          tokendealerUrl: dealer.url,
          clientId: client.id,
          clientSecret: client.secret,
          audience: "dataservice",
          scopes: DATASERVICE_SCOPES,
        }),
        fetch: options.wrapFetch ? options.wrapFetch(base) : base,
      });
    }
    const replies: Reply[] = [];
    const waiting = new Map<string, (reply: Reply) => void>();
    const stopReplies: Unsubscribe = await subscribeReplies(bus, "actions-test-replies", async (reply) => {
      replies.push(reply);
      waiting.get(reply.reply_to)?.(reply);
    });
    cleanups.push(stopReplies);
    const app = await buildApp({
      bus,
      records,
      logger: options.logger ?? false,
      consumer: { maxAttempts: 3, retryDelayMs: 10, ...options.consumer },
      redisUrl: options.redisUrl,
      redisKeyPrefix: options.redisKeyPrefix,
    });
    cleanups.push(() => app.close());
    await app.ready();
    return {
      app,
      bus,
      dataserviceUrl,
      replies,
      async send(text, overrides = {}, timeoutMs = 15_000) {
        const message = chatMessage(text, overrides);
        const reply = new Promise<Reply>((resolve, reject) => {
          const timer = setTimeout(() => {
            waiting.delete(message.message_id);
            reject(new Error(`no reply to ${JSON.stringify(text)} within ${timeoutMs} ms`));
          }, timeoutMs);
          waiting.set(message.message_id, (value) => {
            clearTimeout(timer);
            waiting.delete(message.message_id);
            resolve(value);
          });
        });
        await publishChatMessage(bus, message);
        return reply;
      },
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
