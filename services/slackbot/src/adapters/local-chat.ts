import { type Bus, type ChatMessage, publishChatMessage, type Reply, subscribeReplies } from "@jeeves/bus";

/** The bus group whose subscriber hands `chat.reply.local` replies to the waiting `POST /chat` requests. */
export const LOCAL_CHAT_GROUP = "slackbot-chat";

/** Why {@link LocalChat.ask} gave up. */
export class LocalChatError extends Error {
  constructor(
    readonly reason: "publish" | "timeout" | "closed",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "LocalChatError";
  }
}

/** The local chat: publish a message and wait for Jeeves's reply to it. */
export interface LocalChat {
  /**
   * Publishes `message` on `chat.message.local` and resolves with the Reply whose `reply_to` is its
   * `message_id`; rejects with LocalChatError `publish` (the bus refused it), `timeout` (no reply within
   * `timeoutMs`) or `closed` (the slackbot is shutting down).
   */
  ask(message: ChatMessage, timeoutMs: number): Promise<Reply>;
  /** How many requests are waiting for a reply. */
  readonly waiting: number;
  /** Stops the subscription and rejects every waiting request. */
  stop(): Promise<void>;
}

interface Waiter {
  resolve(reply: Reply): void;
  reject(error: LocalChatError): void;
}

/**
 * Subscribes once (group `slackbot-chat`, `chat.reply.local`) and resolves waiting requests by
 * `reply_to`. A reply nobody waits for (its request timed out, or another process asked) is
 * acknowledged and dropped. The waiter is registered before the publish, so even an instant reply is
 * caught.
 */
export async function startLocalChat(
  bus: Bus,
  log: { info(fields: object, message: string): void },
): Promise<LocalChat> {
  const waiters = new Map<string, Waiter>();
  const unsubscribe = await subscribeReplies(
    bus,
    LOCAL_CHAT_GROUP,
    async (reply) => {
      const waiter = waiters.get(reply.reply_to);
      if (!waiter) {
        log.info({ reply_to: reply.reply_to }, "local chat reply nobody waits for: dropped");
        return;
      }
      waiters.delete(reply.reply_to);
      waiter.resolve(reply);
    },
    { destination: "local" },
  );

  return {
    async ask(message, timeoutMs) {
      const id = message.message_id;
      const answered = new Promise<Reply>((resolve, reject) => waiters.set(id, { resolve, reject }));
      // Rejected by stop() maybe before the race below listens: never an unhandled rejection.
      answered.catch(() => {});
      try {
        await publishChatMessage(bus, message);
      } catch (error) {
        waiters.delete(id);
        throw new LocalChatError("publish", "the bus did not take the message", { cause: error });
      }
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
          waiters.delete(id);
          reject(new LocalChatError("timeout", `no reply within ${timeoutMs} ms`));
        }, timeoutMs);
      });
      try {
        return await Promise.race([answered, timedOut]);
      } finally {
        clearTimeout(timer);
      }
    },
    get waiting() {
      return waiters.size;
    },
    async stop() {
      await unsubscribe();
      for (const waiter of waiters.values()) waiter.reject(new LocalChatError("closed", "the slackbot is closing"));
      waiters.clear();
    },
  };
}
