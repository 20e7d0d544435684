import { join } from "node:path";
import { DeadLetterError, DeadLetterFolder, RabbitDeadLetters, type StoredDeadLetter } from "@jeeves/bus";
import { BUS_VARIABLES, busName, ConfigError, readConfig, text, url } from "@jeeves/service-kit";
import { DEFAULT_DATA_ROOT } from "./layout.ts";

/**
 * The bus groups that keep dead letters, as the services name them: actions' `CONSUMER_GROUP`, the
 * slackbot's `REPLY_POSTER_GROUP` and `LOCAL_CHAT_GROUP` (a test checks they match). Written out so
 * that the CLI starts without loading the services.
 */
export const DEAD_LETTER_GROUPS = ["actions", "slackbot", "slackbot-chat"] as const;

/** How long `replay` waits for the running in-process bus to take a request, ms. */
export const REPLAY_WAIT_MS = 15_000;

/** Where the CLI writes. */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = `usage: npm run dead-letters -- list | replay <id> | drop <id>  [--group <group>]...
  list         every dead letter: id, group, routing key, attempts, time, reason
  replay <id>  send it back to its group (same message id, attempt 1), then remove it
  drop <id>    remove it for good
  --group <g>  the group(s) to look in (RabbitMQ default: ${DEAD_LETTER_GROUPS.join(", ")}); needed when an id is in several
Bus: BUS_URL (amqp://…: RabbitMQ, with BUS_QUEUE_PREFIX), or unset: the in-process bus of \`npm start\`,
whose dead letters are files in BUS_DEAD_LETTER_DIR (default <JEEVES_DATA_DIR>/bus/dead-letters).`;

/** The folder the suite's in-process bus keeps its dead letters in. */
export function deadLetterDir(env: Record<string, string | undefined>): string {
  return env.BUS_DEAD_LETTER_DIR || join(env.JEEVES_DATA_DIR || DEFAULT_DATA_ROOT, "bus", "dead-letters");
}

/** Parses `list | replay <id> | drop <id>` and `--group <g>` (repeatable). */
export function parseArgs(
  args: readonly string[],
):
  | { command: "list"; groups: string[] }
  | { command: "replay" | "drop"; id: string; groups: string[] }
  | { error: string } {
  const groups: string[] = [];
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--group") {
      const group = args[++i];
      if (!group) return { error: "--group needs a group name" };
      groups.push(group);
    } else if (args[i].startsWith("--group=")) groups.push(args[i].slice("--group=".length));
    else words.push(args[i]);
  }
  const [command, id, ...extra] = words;
  if (command === "list" && id === undefined) return { command, groups };
  if ((command === "replay" || command === "drop") && id && extra.length === 0) return { command, id, groups };
  return { error: USAGE };
}

/** One dead letter as a line: id, group, routing key, attempts, time, reason. */
export function formatLetter(letter: StoredDeadLetter): string {
  return [letter.id, letter.group, letter.routingKey, `attempts=${letter.attempts}`, letter.time || "-", letter.reason]
    .join("\t")
    .replaceAll("\n", " ");
}

/**
 * `npm run dead-letters -- list | replay <id> | drop <id>`: the dead letters of RabbitMQ (BUS_URL) or of
 * the in-process bus of `npm start` (files in BUS_DEAD_LETTER_DIR). Resolves with the exit code: 0 done,
 * 1 an operator error (unknown id, bus unreachable, replay not taken), 2 bad usage or configuration.
 */
export async function runDeadLetters(
  args: readonly string[],
  env: Record<string, string | undefined> = process.env,
  output: CliOutput = { out: (line) => console.log(line), err: (line) => console.error(line) },
): Promise<number> {
  const parsed = parseArgs(args);
  if ("error" in parsed) {
    output.err(parsed.error);
    return 2;
  }
  let config: { BUS_URL?: string; BUS_QUEUE_PREFIX: string };
  try {
    config = readConfig(
      {
        BUS_URL: { default: undefined as string | undefined, parse: url("amqp", "amqps"), secret: true },
        BUS_QUEUE_PREFIX: BUS_VARIABLES.BUS_QUEUE_PREFIX,
        BUS_DEAD_LETTER_DIR: { default: undefined as string | undefined, parse: text },
      },
      env,
    );
    for (const group of parsed.groups) busName(group);
  } catch (error) {
    output.err(
      `dead-letters: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}`,
    );
    return 2;
  }
  const groups = parsed.groups.length > 0 ? parsed.groups : [...DEAD_LETTER_GROUPS];
  try {
    if (config.BUS_URL) return await onRabbit(parsed, config.BUS_URL, config.BUS_QUEUE_PREFIX, groups, output);
    return await onFolder(parsed, new DeadLetterFolder(deadLetterDir(env)), output);
  } catch (error) {
    if (error instanceof DeadLetterError) {
      output.err(`dead-letters: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

type Parsed = Exclude<ReturnType<typeof parseArgs>, { error: string }>;

function printList(letters: StoredDeadLetter[], output: CliOutput, where: string): number {
  if (letters.length === 0) {
    output.out(`no dead letters (${where})`);
    return 0;
  }
  output.out(["id", "group", "routing key", "attempts", "time", "reason"].join("\t"));
  for (const letter of letters) output.out(formatLetter(letter));
  output.out(`${letters.length} dead letter${letters.length === 1 ? "" : "s"} (${where})`);
  return 0;
}

async function onRabbit(parsed: Parsed, busUrl: string, queuePrefix: string, groups: string[], output: CliOutput) {
  const where = `RabbitMQ, groups ${groups.join(", ")}`;
  const rabbit = await RabbitDeadLetters.connect({
    url: busUrl,
    queuePrefix,
    groups,
    progress: (done, total) => output.err(`… ${done} of ${total} read`),
  });
  try {
    if (parsed.command === "list") return printList(await rabbit.list(), output, where);
    const group = parsed.groups.length === 1 ? parsed.groups[0] : undefined;
    const letter =
      parsed.command === "replay" ? await rabbit.replay(parsed.id, group) : await rabbit.drop(parsed.id, group);
    output.out(`${parsed.command === "replay" ? "replayed" : "dropped"}: ${formatLetter(letter)}`);
    return 0;
  } finally {
    await rabbit.close();
  }
}

/** The in-process bus's folder: every group unless `--group` names some. */
async function onFolder(parsed: Parsed, folder: DeadLetterFolder, output: CliOutput) {
  const inGroups = (letter: StoredDeadLetter) => parsed.groups.length === 0 || parsed.groups.includes(letter.group);
  if (parsed.command === "list")
    return printList(folder.list().filter(inGroups), output, `in-process bus, ${folder.dir}`);
  const group = parsed.groups.length === 1 ? parsed.groups[0] : undefined;
  const letter = folder.find(parsed.id, group);
  if (parsed.command === "drop") {
    folder.drop(letter);
    output.out(`dropped: ${formatLetter(letter)}`);
    return 0;
  }
  const request = folder.requestReplay(letter);
  output.err(`replay of ${letter.id} asked; waiting for the running suite (npm start) to take it…`);
  if (await folder.waitTaken(request, REPLAY_WAIT_MS)) {
    output.out(`replayed: ${formatLetter(letter)}`);
    return 0;
  }
  output.err(
    `dead-letters: the in-process bus did not take the replay within ${REPLAY_WAIT_MS / 1000} s: is \`npm start\` running? ` +
      `The request stays in ${request} and is replayed when the suite starts.`,
  );
  return 1;
}
