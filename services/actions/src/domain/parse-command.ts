import { stripAddress } from "./address.ts";
import type { AttemptedCommand, Command, Units } from "./command.ts";
import { checkConfigKey } from "./config-key.ts";
import { decodeSlackText } from "./slack-text.ts";
import { parseTimeOfDay } from "./time-of-day.ts";

/** Options of {@link parseCommand}. */
export interface ParseOptions {
  /** Jeeves's own Slack user id; a leading `<@botUserId>` is removed (any leading `<@U…>` is, too). */
  botUserId?: string;
}

const FIRST_WORD = /^(\S+)(?:\s+([\s\S]*))?$/;
/** `in metric`, `in imperial`, `--metric`, `--imperial` at the end (also `—metric`: phones turn `--` into a dash). */
const UNITS_SUFFIX = /(?:^|\s+)(?:in\s+(metric|imperial)|(?:--|—|–)(metric|imperial))$/i;
const PLACE_WORD = /^(?:in|for)(?:\s+([\s\S]*))?$/i;

/** Splits off the first whitespace-separated word; `rest` starts at the next word (or is ""). */
function firstWord(text: string): { word: string; rest: string } {
  const match = FIRST_WORD.exec(text);
  return match ? { word: match[1], rest: match[2] ?? "" } : { word: "", rest: "" };
}

function invalid(command: AttemptedCommand, reason: string): Command {
  return { kind: "invalid", command, reason };
}

/** A place as written: Slack formatting decoded, trimmed, trailing `?` and `!` dropped. */
function cleanPlace(text: string): string {
  return decodeSlackText(text)
    .trim()
    .replace(/[?!]+$/, "")
    .trim();
}

/**
 * Reads what a person wrote to Jeeves (a Slack `app_mention` or DM text, or a local chat line) as a
 * {@link Command}. Never throws: what is not a command is `unknown` (with the text as received, after the
 * address is stripped), a known command written wrongly is `invalid` with a reason for the person.
 *
 * The address is stripped first (see `stripAddress`). Command words are case-insensitive and may be
 * separated by any whitespace; values (places, config values) keep their case and their inner spacing,
 * are trimmed, and have Slack formatting decoded (links become their label, `&amp;` `&lt;` `&gt;`).
 */
export function parseCommand(text: string, options: ParseOptions = {}): Command {
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
  let rest = text;
  let units: Units | undefined;
  const suffix = UNITS_SUFFIX.exec(rest);
  if (suffix) {
    units = (suffix[1] ?? suffix[2]).toLowerCase() as Units;
    rest = rest.slice(0, suffix.index);
  }
  const placeWord = PLACE_WORD.exec(rest);
  const place = cleanPlace(placeWord ? (placeWord[1] ?? "") : rest);
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
  const time = parseTimeOfDay(written);
  if (!time) {
    return invalid(
      "alerts-on",
      `\`${written}\` is not a time of day: write it as 24-hour HH:MM, e.g. \`alerts on 07:30\`.`,
    );
  }
  return { kind: "alerts-on", time };
}
