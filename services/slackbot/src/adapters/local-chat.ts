import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { type Bus, type ChatMessage, publishChatMessage, type Reply, subscribeReplies } from "@jeeves/bus";

/**
 * The bus group every slackbot shares for `chat.reply.local`: the replies of an actions service that
 * predates `reply_replica` (a rolling upgrade). Such a reply reaches any replica, which drops it when it
 * is not the one waiting.
 */
export const LOCAL_CHAT_GROUP = "slackbot-chat";

/** The transient group of one replica, consuming `chat.reply.local.<replica>`. */
export function replicaChatGroup(replicaId: string): string {
  return `${LOCAL_CHAT_GROUP}.${replicaId}`;
}

/**
 * A new replica id: the host's name (letters, digits, `_` and `-` kept, at most 40) and 8 random hex
 * digits, so that two processes on one host differ and the logs still say which host.
 */
export function newReplicaId(host: string = hostname()): string {
  const name = host.replace(/[^\w-]/g, "-").slice(0, 40) || "slackbot";
  return `${name}-${randomBytes(4).toString("hex")}`;
}

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
  /** This replica's id: its messages' `reply_replica`. */
  readonly replicaId: string;
  /**
   * Publishes `message` (with this replica as its `reply_replica`) on `chat.message.local` and resolves with the Reply whose `reply_to` is its
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
 * Subscribes this replica's own transient group to `chat.reply.local.<replicaId>` (each message it
 * publishes names `replicaId` as its `reply_replica`, so Jeeves's answer comes back to this replica
 * only), and the shared group `slackbot-chat` to `chat.reply.local` (answers of an older actions
 * service), and resolves waiting requests by `reply_to`. A reply nobody waits for (its request timed
 * out, or another replica asked) is acknowledged and dropped. The waiter is registered before the
 * publish, so even an instant reply is caught.
 */
export async function startLocalChat(
  bus: Bus,
  log: { info(fields: object, message: string): void },
  replicaId: string = newReplicaId(),
): Promise<LocalChat> {
  const waiters = new Map<string, Waiter>();
  const deliver = async (reply: Reply) => {
    const waiter = waiters.get(reply.reply_to);
    if (!waiter) {
      log.info({ reply_to: reply.reply_to }, "local chat reply nobody waits for: dropped");
      return;
    }
    waiters.delete(reply.reply_to);
    waiter.resolve(reply);
  };
  const own = await subscribeReplies(bus, replicaChatGroup(replicaId), deliver, {
    replica: replicaId,
    transient: true,
  });
  const shared = await subscribeReplies(bus, LOCAL_CHAT_GROUP, deliver, { destination: "local" }).catch(
    async (error: unknown) => {
      await own();
      throw error;
    },
  );
  const unsubscribe = async () => {
    await Promise.all([own(), shared()]);
  };

  return {
    async ask(message, timeoutMs) {
      const id = message.message_id;

      const answered = new Promise<Reply>((resolve, reject) => waiters.set(id, { resolve, reject }));
      // Rejected by stop() maybe before the race below listens: never an unhandled rejection.
      answered.catch(() => {});
      try {
        await publishChatMessage(bus, { ...message, reply_replica: replicaId });
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
    replicaId,
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
