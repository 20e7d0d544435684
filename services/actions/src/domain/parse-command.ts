import { formatTimeOfDay, parseTimeOfDay } from "@jeeves/chat-domain";
import type { Units } from "@jeeves/weather-client";
import { stripAddress } from "./address.ts";
import type { AttemptedCommand, Command } from "./command.ts";
import { checkConfigKey } from "./config-key.ts";
import { decodeSlackText } from "./slack-text.ts";

/** Options of {@link parseCommand}. */
export interface ParseOptions {
  /** Jeeves's own Slack user id; a leading `<@botUserId>` is removed (any leading `<@U…>` is, too). */
  botUserId?: string;
}

/**
 * The longest message the parser reads, in UTF-16 code units. The longest command is `config set <key>
 * <value>` (a key of at most 64 characters, a value of at most 1000: the dataservice's limits); a longer
 * message is answered `too-long` without being read (Slack allows 40,000 characters).
 */
export const MAX_MESSAGE_LENGTH = 4000;

/**
 * Every expression here runs in linear time (eslint-plugin-regexp checks it, see eslint.config.js): words
 * and suffixes are split off with string methods and single-character tests, never with a pattern whose
 * quantifiers can trade characters (`\s+[\s\S]*`) or that is searched for from every position (`\s+…$`).
 */
const SPACE = /\s/;
/** `--metric`, `--imperial` (also `—metric`: phones turn `--` into a dash), as a whole word. */
const UNITS_FLAG = /^(?:--|—|–)(metric|imperial)$/i;
const UNITS_WORD = /^(?:metric|imperial)$/i;
const PLACE_WORD = /^(?:in|for)$/i;

/** Splits off the first whitespace-separated word; `rest` starts at the next word (or is ""). */
function firstWord(text: string): { word: string; rest: string } {
  const end = text.search(SPACE);
  if (end === 0) return { word: "", rest: "" };
  if (end === -1) return { word: text, rest: "" };
  return { word: text.slice(0, end), rest: text.slice(end).trimStart() };
}

/** Splits off the last whitespace-separated word of `text` (which ends in one); `before` is trimmed at its end. */
function lastWord(text: string): { before: string; word: string } {
  let start = text.length;
  while (start > 0 && !SPACE.test(text[start - 1])) start -= 1;
  return { before: text.slice(0, start).trimEnd(), word: text.slice(start) };
}

/** `in metric`, `in imperial`, `--metric`, `--imperial` at the end, split off; `rest` is what comes before. */
function unitsSuffix(text: string): { rest: string; units?: Units } {
  const last = lastWord(text);
  const flag = UNITS_FLAG.exec(last.word);
  if (flag) return { rest: last.before, units: flag[1].toLowerCase() as Units };
  if (!UNITS_WORD.test(last.word)) return { rest: text };
  const previous = lastWord(last.before);
  if (previous.word.toLowerCase() !== "in") return { rest: text };
  return { rest: previous.before, units: last.word.toLowerCase() as Units };
}

/** The text without the characters of `characters` at its end. */
function trimEndOf(text: string, characters: string): string {
  let end = text.length;
  while (end > 0 && characters.includes(text[end - 1])) end -= 1;
  return text.slice(0, end);
}

function invalid(command: AttemptedCommand, reason: string): Command {
  return { kind: "invalid", command, reason };
}

/** A place as written: Slack formatting decoded, trimmed, trailing `?` and `!` dropped. */
function cleanPlace(text: string): string {
  return trimEndOf(decodeSlackText(text).trim(), "?!").trim();
}

/**
 * Reads what a person wrote to Jeeves (a Slack `app_mention` or DM text, or a local chat line) as a
 * {@link Command}. Never throws: what is not a command is `unknown` (with the text as received, after the
 * address is stripped), a known command written wrongly is `invalid` with a reason for the person, and a
 * message longer than {@link MAX_MESSAGE_LENGTH} is `too-long` without being read further. Its work is
 * linear in the length of the text.
 *
 * The address is stripped first (see `stripAddress`). Command words are case-insensitive and may be
 * separated by any whitespace; values (places, config values) keep their case and their inner spacing,
 * are trimmed, and have Slack formatting decoded (links become their label, `&amp;` `&lt;` `&gt;`).
 */
export function parseCommand(text: string, options: ParseOptions = {}): Command {
  if (text.length > MAX_MESSAGE_LENGTH) return { kind: "too-long", length: text.length };
  const message = stripAddress(text, options.botUserId);
  const { word, rest } = firstWord(message);
  switch (word.toLowerCase()) {
    case "help":
      return { kind: "help" };
    case "?":
      return rest === "" ? { kind: "help" } : { kind: "unknown", text: message };
    case "config":
      return parseConfig(rest);
    case "location":
      return parseLocation(rest);
    case "get":
      return /^location$/i.test(rest) ? { kind: "location-get" } : { kind: "unknown", text: message };
    case "set": {
      const next = firstWord(rest);
      return next.word.toLowerCase() === "location" ? locationSet(next.rest) : { kind: "unknown", text: message };
    }
    case "weather":
      return parseWeather(rest);
    case "alerts":
    case "alert":
      return parseAlerts(rest);
    case "time":
      return rest === "" ? { kind: "time" } : { kind: "unknown", text: message };
    default:
      return { kind: "unknown", text: message };
  }
}

const CONFIG_USAGE = "`config show`, `config get <key>`, `config set <key> <value>` or `config unset <key>`";

function parseConfig(text: string): Command {
  const { word, rest } = firstWord(text);
  const sub = word.toLowerCase();
  if (sub === "show") {
    return rest === "" ? { kind: "config-show" } : invalid("config-show", "`config show` takes nothing after it.");
  }
  if (sub === "set") {
    const { word: written, rest: value } = firstWord(rest);
    if (written === "")
      return invalid(
        "config-set",
        "Say which key and value: `config set <key> <value>`, e.g. `config set units metric`.",
      );
    const checked = checkConfigKey(decodeSlackText(written));
    if ("reason" in checked) return invalid("config-set", checked.reason);
    const decoded = decodeSlackText(value).trim();
    if (decoded === "") {
      return invalid(
        "config-set",
        `\`config set ${checked.key}\` needs a value: \`config set ${checked.key} <value>\` (to remove the key, \`config unset ${checked.key}\`).`,
      );
    }
    return { kind: "config-set", key: checked.key, value: decoded };
  }
  if (sub === "get" || sub === "unset") {
    const kind = sub === "get" ? "config-get" : "config-unset";
    const { word: written, rest: extra } = firstWord(rest);
    if (written === "") return invalid(kind, `Say which key: \`config ${sub} <key>\`, e.g. \`config ${sub} units\`.`);
    if (extra !== "") return invalid(kind, `\`config ${sub}\` takes one key: \`config ${sub} <key>\`.`);
    const checked = checkConfigKey(decodeSlackText(written));
    return "reason" in checked ? invalid(kind, checked.reason) : { kind, key: checked.key };
  }
  if (sub === "") return invalid("config", `Say what to do with your config: ${CONFIG_USAGE}.`);
  return invalid("config", `I know ${CONFIG_USAGE}.`);
}

function locationSet(text: string): Command {
  const place = cleanPlace(text);
  if (place === "")
    return invalid("location-set", "Say which place: `location set <place>`, e.g. `location set Innsbruck`.");
  return { kind: "location-set", place };
}

function parseLocation(text: string): Command {
  const { word, rest } = firstWord(text);
  const sub = word.toLowerCase();
  if (sub === "set") return locationSet(rest);
  if (sub === "" || ((sub === "get" || sub === "show") && rest === "")) return { kind: "location-get" };
  const example = sub === "get" || sub === "show" ? "Berlin" : cleanPlace(text);
  return invalid(
    "location",
    `To save your place write \`location set <place>\` (e.g. \`location set ${example}\`); to see it, \`location\`.`,
  );
}

function parseWeather(text: string): Command {
  const { rest, units } = unitsSuffix(text);
  const { word, rest: afterWord } = firstWord(rest);
  const placeWord = PLACE_WORD.test(word);
  const place = cleanPlace(placeWord ? afterWord : rest);
  if (placeWord && place === "") {
    return invalid(
      "weather",
      "Say where: `weather in <place>`, e.g. `weather in Berlin` (or just `weather` for your saved place).",
    );
  }
  return { kind: "weather", ...(place !== "" && { place }), ...(units && { units }) };
}

function parseAlerts(text: string): Command {
  const { word, rest } = firstWord(text);
  const sub = word.toLowerCase();
  if (sub === "off")
    return rest === "" ? { kind: "alerts-off" } : invalid("alerts-off", "`alerts off` takes nothing after it.");
  if (sub !== "on") return invalid("alerts", "Write `alerts on [HH:MM]` (e.g. `alerts on 07:30`) or `alerts off`.");
  if (rest === "") return { kind: "alerts-on" };
  const written = decodeSlackText(rest.replace(/^at\s+/i, "")).trim();
  const minutes = parseTimeOfDay(written);
  if (minutes === undefined) {
    return invalid(
      "alerts-on",
      `\`${written}\` is not a time of day: write it as 24-hour HH:MM, e.g. \`alerts on 07:30\`.`,
    );
  }
  return { kind: "alerts-on", time: formatTimeOfDay(minutes) };
}
