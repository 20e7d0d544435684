/**
 * Dead letters an operator can list, replay and drop (`npm run dead-letters`), on both buses:
 *
 * - in-process bus: each dead letter is a JSON file in a folder (`BUS_DEAD_LETTER_DIR`; the suite's
 *   `data/bus/dead-letters/`). Replaying moves the file into `replay/` beneath it; the running bus
 *   watches that folder (fs.watch plus a poll every second) and puts the message back on its group's
 *   queue. Dropping deletes the file.
 * - RabbitMQ: the dead letters are the messages of each group's `<group>.dead` queue. Listing gets them
 *   without acking and hands them all back; replaying sends the message to its group's queue (same
 *   message id, original routing key in its header, attempt 1) with a publisher confirm and then acks
 *   the dead letter; dropping acks it.
 */
import { randomUUID } from "node:crypto";
import {
  type FSWatcher,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  watch,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import amqp, { type Channel, type ChannelModel, type ConfirmChannel, type GetMessage } from "amqplib";
import {
  AMQP_SOCKET_OPTIONS,
  ATTEMPT_HEADER,
  DEAD_AT_HEADER,
  ERROR_HEADER,
  groupQueues,
  ROUTING_KEY_HEADER,
} from "./rabbit-bus.ts";
import type { BusHeaders } from "./types.ts";

/** One dead letter, as the CLI prints it and the in-process bus stores it. */
export interface StoredDeadLetter {
  /** The message id (stable across retries and replays). */
  id: string;
  group: string;
  routingKey: string;
  /** The handler's last error (message only). */
  reason: string;
  /** Deliveries made before it was dead-lettered. */
  attempts: number;
  /** When it was dead-lettered (ISO 8601; RabbitMQ: when it was first published, when known). */
  time: string;
  headers: BusHeaders;
  /** The payload, base64. */
  body: string;
}

/** The sub-folder of replay requests of a dead-letter folder. */
export const REPLAY_FOLDER = "replay";

/** How often the in-process bus looks for replay requests besides fs.watch, ms. */
export const REPLAY_POLL_MS = 1000;

/** The file name of a dead letter: its group and id, made safe for any file system. */
export function deadLetterFile(group: string, id: string): string {
  return `${encodeURIComponent(group)}~${encodeURIComponent(id)}.json`;
}

/** Raised for what an operator must fix: an unknown id, an id in several groups, an unreachable bus. */
export class DeadLetterError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DeadLetterError";
  }
}

/** The dead letters of the in-process bus, in a folder shared by the bus and the CLI. */
export class DeadLetterFolder {
  readonly dir: string;
  readonly replayDir: string;

  constructor(dir: string) {
    this.dir = dir;
    this.replayDir = join(dir, REPLAY_FOLDER);
    mkdirSync(this.replayDir, { recursive: true });
  }

  /** Writes a dead letter (atomically: a temporary file renamed). */
  add(letter: StoredDeadLetter): void {
    const file = join(this.dir, deadLetterFile(letter.group, letter.id));
    const temporary = join(this.dir, `.${randomUUID()}.tmp`);
    writeFileSync(temporary, `${JSON.stringify(letter, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, file);
  }

  /** Every dead letter, oldest first; unreadable files are skipped. */
  list(): StoredDeadLetter[] {
    return readLetters(this.dir).sort((a, b) => a.time.localeCompare(b.time));
  }

  /** How many dead letters there are (files, whoever wrote them). */
  count(): number {
    return jsonFiles(this.dir).length;
  }

  /** Finds one dead letter by id (and group when several groups hold that id). */
  find(id: string, group?: string): StoredDeadLetter {
    return pickOne(
      this.list().filter((letter) => letter.id === id && (group === undefined || letter.group === group)),
      id,
    );
  }

  /** Asks the running bus to replay it: moves its file into `replay/`. */
  requestReplay(letter: StoredDeadLetter): string {
    const name = deadLetterFile(letter.group, letter.id);
    renameSync(join(this.dir, name), join(this.replayDir, name));
    return join(this.replayDir, name);
  }

  /** Deletes it. */
  drop(letter: StoredDeadLetter): void {
    rmSync(join(this.dir, deadLetterFile(letter.group, letter.id)));
  }

  /** The replay requests waiting, oldest first. */
  replayRequests(): { file: string; letter: StoredDeadLetter }[] {
    return jsonFiles(this.replayDir).flatMap((name) => {
      const letter = readLetter(join(this.replayDir, name));
      return letter ? [{ file: join(this.replayDir, name), letter }] : [];
    });
  }

  /**
   * Calls `replay` for each replay request now and whenever one appears (fs.watch, and a poll every
   * `pollMs`); a request is deleted once `replay` returned. Returns the stop function.
   */
  watchReplays(replay: (letter: StoredDeadLetter) => void, pollMs = REPLAY_POLL_MS): () => void {
    let stopped = false;
    const scan = () => {
      if (stopped) return;
      for (const { file, letter } of this.replayRequests()) {
        try {
          rmSync(file);
        } catch {
          continue; // Taken by another scan.
        }
        replay(letter);
      }
    };
    let watcher: FSWatcher | undefined;
    try {
      watcher = watch(this.replayDir, () => scan());
      watcher.on("error", () => watcher?.close());
      watcher.unref();
    } catch {
      // The poll alone.
    }
    const timer = setInterval(scan, pollMs);
    timer.unref();
    setImmediate(scan);
    return () => {
      stopped = true;
      watcher?.close();
      clearInterval(timer);
    };
  }

  /** Resolves true once the request file is gone (the bus took it), false after `timeoutMs`. */
  async waitTaken(file: string, timeoutMs: number, onTick?: () => void): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!exists(file)) return true;
      onTick?.();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return !exists(file);
  }
}

function exists(file: string): boolean {
  try {
    readFileSync(file);
    return true;
  } catch {
    return false;
  }
}

function jsonFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => name.endsWith(".json") && !name.startsWith("."));
  } catch {
    return [];
  }
}

function readLetter(file: string): StoredDeadLetter | undefined {
  try {
    const value = JSON.parse(readFileSync(file, "utf8")) as StoredDeadLetter;
    return typeof value.id === "string" && typeof value.group === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

function readLetters(dir: string): StoredDeadLetter[] {
  return jsonFiles(dir).flatMap((name) => readLetter(join(dir, name)) ?? []);
}

function pickOne(found: StoredDeadLetter[], id: string): StoredDeadLetter {
  if (found.length === 0) throw new DeadLetterError(`no dead letter with id ${id}`);
  if (found.length > 1) {
    const groups = found.map((letter) => letter.group).join(", ");
    throw new DeadLetterError(`dead letter ${id} is in several groups (${groups}): add --group <group>`);
  }
  return found[0];
}

/** Options of {@link RabbitDeadLetters}. */
export interface RabbitDeadLettersOptions {
  /** BUS_URL (`amqp://…`). */
  url: string;
  /** BUS_QUEUE_PREFIX. */
  queuePrefix?: string;
  /** The groups whose `.dead` queues are read. */
  groups: readonly string[];
  /** Called while a long scan runs: messages read so far and in all. */
  progress?: (done: number, total: number) => void;
}

/** The dead letters of RabbitMQ groups (`<prefix><group>.dead`), for the CLI and the metrics. */
export class RabbitDeadLetters {
  readonly #model: ChannelModel;
  readonly #options: RabbitDeadLettersOptions;

  private constructor(model: ChannelModel, options: RabbitDeadLettersOptions) {
    this.#model = model;
    this.#options = options;
  }

  /** Connects; a broker that cannot be reached is a DeadLetterError (the URL is never shown). */
  static async connect(options: RabbitDeadLettersOptions): Promise<RabbitDeadLetters> {
    try {
      const model = await amqp.connect(options.url, AMQP_SOCKET_OPTIONS);
      model.on("error", () => {});
      return new RabbitDeadLetters(model, options);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new DeadLetterError(`the bus (BUS_URL) cannot be reached: ${reason.replace(/\/\/[^@/]*@/, "//")}`, {
        cause: error,
      });
    }
  }

  /** Every dead letter of the groups; each stays where it was. */
  async list(): Promise<StoredDeadLetter[]> {
    const letters: StoredDeadLetter[] = [];
    for (const group of this.#options.groups) {
      await this.#scan(group, (letter) => {
        letters.push(letter);
        return "keep";
      });
    }
    return letters;
  }

  /** How many dead letters the groups hold (a missing queue counts 0). */
  async count(): Promise<number> {
    let total = 0;
    for (const group of this.#options.groups) total += await this.#depth(group);
    return total;
  }

  /** Sends the dead letter back to its group's queue (attempt 1), then removes it. */
  async replay(id: string, group?: string): Promise<StoredDeadLetter> {
    return this.#takeOne(id, group, async (letter, publisher) => {
      const queues = groupQueues(letter.group, this.#options.queuePrefix);
      const headers: BusHeaders = { ...letter.headers, [ROUTING_KEY_HEADER]: letter.routingKey, [ATTEMPT_HEADER]: 1 };
      await new Promise<void>((resolve, reject) =>
        publisher.sendToQueue(
          queues.main,
          Buffer.from(letter.body, "base64"),
          { persistent: true, messageId: letter.id, timestamp: Math.floor(Date.now() / 1000), headers },
          (error) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve()),
        ),
      );
    });
  }

  /** Removes the dead letter for good. */
  async drop(id: string, group?: string): Promise<StoredDeadLetter> {
    return this.#takeOne(id, group, async () => {});
  }

  async close(): Promise<void> {
    await this.#model.close().catch(() => {});
  }

  async #takeOne(
    id: string,
    group: string | undefined,
    action: (letter: StoredDeadLetter, publisher: ConfirmChannel) => Promise<void>,
  ): Promise<StoredDeadLetter> {
    const found = (await this.list()).filter((l) => l.id === id && (group === undefined || l.group === group));
    const letter = pickOne(found, id);
    const publisher = await this.#model.createConfirmChannel();
    try {
      let done = false;
      await this.#scan(letter.group, async (candidate) => {
        if (done || candidate.id !== id) return "keep";
        await action(candidate, publisher);
        done = true;
        return "ack";
      });
      if (!done) throw new DeadLetterError(`dead letter ${id} is gone (replayed or dropped meanwhile)`);
      return letter;
    } finally {
      await publisher.close().catch(() => {});
    }
  }

  async #depth(group: string): Promise<number> {
    const channel = await this.#model.createChannel();
    channel.on("error", () => {});
    try {
      return (await channel.checkQueue(groupQueues(group, this.#options.queuePrefix).dead)).messageCount;
    } catch {
      return 0; // No such queue: the group never subscribed on this broker.
    } finally {
      await channel.close().catch(() => {});
    }
  }

  /**
   * Reads every message of the group's dead-letter queue without acking; `visit` says whether to ack
   * one (it is then gone) or keep it. Closing the channel at the end hands back every message kept.
   */
  async #scan(group: string, visit: (letter: StoredDeadLetter) => "keep" | "ack" | Promise<"keep" | "ack">) {
    const total = await this.#depth(group);
    if (total === 0) return;
    const queue = groupQueues(group, this.#options.queuePrefix).dead;
    const channel: Channel = await this.#model.createChannel();
    channel.on("error", () => {});
    try {
      for (let done = 0; done < total; done++) {
        const message = await channel.get(queue, { noAck: false });
        if (!message) break;
        if ((await visit(toLetter(group, message))) === "ack") channel.ack(message);
        if (total >= 100 && (done + 1) % 100 === 0) this.#options.progress?.(done + 1, total);
      }
    } finally {
      await channel.close().catch(() => {});
    }
  }
}

function toLetter(group: string, message: GetMessage): StoredDeadLetter {
  const headers = (message.properties.headers ?? {}) as BusHeaders;
  const timestamp = Number(message.properties.timestamp);
  return {
    id: typeof message.properties.messageId === "string" ? message.properties.messageId : "(no id)",
    group,
    routingKey:
      typeof headers[ROUTING_KEY_HEADER] === "string" ? headers[ROUTING_KEY_HEADER] : message.fields.routingKey,
    reason: typeof headers[ERROR_HEADER] === "string" ? headers[ERROR_HEADER] : "",
    attempts: Number(headers[ATTEMPT_HEADER] ?? 1) || 1,
    time:
      typeof headers[DEAD_AT_HEADER] === "string"
        ? headers[DEAD_AT_HEADER]
        : Number.isFinite(timestamp) && timestamp > 0
          ? new Date(timestamp * 1000).toISOString()
          : "",
    headers: Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith("x-"))),
    body: message.content.toString("base64"),
  };
}
