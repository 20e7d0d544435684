import {
  ALERTS_KEY,
  DEFAULT_TIME_ZONE,
  isTimeZone,
  isUnits,
  TIMEZONE_KEY,
  UNITS_KEY,
  unitsOf,
} from "@jeeves/chat-domain";
import {
  MAX_PLACE_LENGTH,
  type Units,
  UnknownPlace,
  WeatherRejected,
  type WeatherRejection,
  type WeatherReports,
} from "@jeeves/weather-client";
import { ACCOUNT_GONE_REPLY, chatUserOf } from "./chat-user.ts";
import type { Command } from "./command.ts";
import { helpText } from "./help-text.ts";
import { MAX_MESSAGE_LENGTH } from "./parse-command.ts";
import { DEFAULT_ALERT_TIME, isKnownSetting, notSetReply, UNITS_IN_WORDS, unknownSettingReply } from "./settings.ts";
import { type ChatIdentity, RecordsRejected, UserGone, type UserRecords } from "./user-records.ts";
import { formatReport } from "./weather-text.ts";

/** The answer to what is not a command. */
export const UNKNOWN_REPLY = "Sorry, I don't know that one. Write `help` to see what I can do.";
/** The answer to `weather` until the weather service exists. */
export const WEATHER_NOT_AVAILABLE_REPLY = "Sorry, weather is not available yet.";
/** The answer on the last attempt when the weather could not be had. */
export const WEATHER_UNAVAILABLE_REPLY = "Sorry, I can't get the weather right now. Please try again later.";
/** The answer to `weather` alone from someone without a saved place. */
export const WHERE_REPLY = "Where? Write `weather in <place>`, or save your place with `location set <place>`.";
/** The answer on the last attempt when the records could not be reached. */
export const RECORDS_UNAVAILABLE_REPLY = "Sorry, I can't reach my records right now. Please try again later.";
/** The answer to a message longer than the parser reads. */
export const TOO_LONG_REPLY = `Sorry, that message is too long for me: I read commands of up to ${MAX_MESSAGE_LENGTH.toLocaleString("en-US")} characters. Write \`help\` to see what I can do.`;
/** The answers when the weather service refuses the request (a 4xx other than 404): not retried. */
export const WEATHER_REJECTED_REPLIES: Record<WeatherRejection, string> = {
  "place-too-long": `Sorry, that place name is too long: I can look up names of up to ${MAX_PLACE_LENGTH} characters. Try a city, e.g. \`weather in Paris\`.`,
  "bad-place": "Sorry, I couldn't find that place. Try a city, e.g. `weather in Paris` or `weather in Paris, FR`.",
  "not-allowed": "Sorry, I'm not allowed to get the weather: something is wrong with my setup.",
  refused: "Sorry, the weather service refused that request. Try a city, e.g. `weather in Paris`.",
};
/** The answer on the last attempt when something else went wrong. */
export const FAILURE_REPLY = "Sorry, something went wrong on my side. Please try again later.";

/** What a command runs with: who wrote it, their records, and the weather (absent: not available). */
export interface RunContext {
  identity: ChatIdentity;
  records: UserRecords;
  weather?: WeatherReports;
  /** The clock of `time` (default the system clock). */
  now?: () => Date;
}

type RecordsCommand = Exclude<Command, { kind: "help" | "unknown" | "invalid" | "too-long" | "time" }>;

/**
 * Runs a parsed command and answers the reply text (plain text with Slack-style mrkdwn: backticks and
 * bullets; escape it before sending it to Slack). Only the settings and location commands touch the
 * records, on the writer's user first (`chatUserOf`: a person's own, or the one of their chat identity,
 * found or created; a person whose user is gone is told so); the others answer without them, so `help`
 * works while the records are down. A refusal of the records ({@link RecordsRejected}) becomes a polite reply;
 * so is a refusal of the weather (`UnknownPlace`, `WeatherRejected`: any 4xx is permanent).
 * `RecordsUnavailable`, `WeatherUnavailable` and anything unexpected are thrown for the caller to retry.
 */
export async function runCommand(command: Command, context: RunContext): Promise<string> {
  switch (command.kind) {
    case "help":
      return helpText(command.time === true);
    case "unknown":
      return UNKNOWN_REPLY;
    case "too-long":
      return TOO_LONG_REPLY;
    case "invalid":
      return command.reason;
    case "time":
      return timeReply((context.now ?? (() => new Date()))());
    case "config-get":
    case "config-set":
      // Only the settings Jeeves reads: answered without the records, so this works while they are down.
      if (!isKnownSetting(command.key)) return unknownSettingReply(command.key);
      return runWithRecords(command, context);
    case "weather":
      if (!context.weather) return WEATHER_NOT_AVAILABLE_REPLY;
      // A place and units given: nothing to look up, so the weather works while the records are down.
      if (command.place && command.units) return weatherAt(context.weather, command.place, command.units);
      return runWithRecords(command, context);
    default:
      return runWithRecords(command, context);
  }
}

/**
 * Runs a records command on the writer's user. A user deleted after it was found (UserGone: between the
 * two calls, or since the records remembered the writer, see rememberChatUsers) is looked for once more:
 * a chat identity's user is then found or created anew; a person's own is gone for good.
 */
async function runWithRecords(command: RecordsCommand, context: RunContext): Promise<string> {
  try {
    for (let attempt = 1; ; attempt += 1) {
      const userId = await chatUserOf(context.identity, context.records);
      if (userId === undefined) return ACCOUNT_GONE_REPLY;
      try {
        return await runOnRecords(command, userId, context);
      } catch (error) {
        if (!(error instanceof UserGone)) throw error;
        if (context.identity.person !== undefined) return ACCOUNT_GONE_REPLY;
        if (attempt === 2) throw error;
      }
    }
  } catch (error) {
    if (error instanceof RecordsRejected) return `Sorry, I couldn't do that: ${sentence(error.detail)}`;
    throw error;
  }
}

async function runOnRecords(command: RecordsCommand, userId: string, context: RunContext): Promise<string> {
  const { records } = context;
  switch (command.kind) {
    case "config-set": {
      const refusal = refuseSetting(command.key, command.value);
      if (refusal) return refusal;
      await records.setSetting(userId, command.key, command.value);
      return `${command.key} is now ${command.value}.`;
    }
    case "config-get": {
      const value = await records.getSetting(userId, command.key);
      if (value === undefined) return notSetReply(command.key);
      return `${command.key} is ${value}.`;
    }
    case "config-show": {
      const settings = await records.listSettings(userId);
      const place = await records.getLocation(userId);
      const where = place === undefined ? [] : [`Your location is ${place}.`];
      if (settings.length === 0) {
        return place === undefined
          ? "You have no settings and no saved location yet. Try `config set units metric` or `location set Innsbruck`."
          : ["You have no settings yet. Try `config set units metric`.", ...where].join("\n");
      }
      const lines = [...settings].sort((a, b) => a.key.localeCompare(b.key)).map((s) => `• ${s.key}: ${s.value}`);
      return ["Your settings:", ...lines, ...where].join("\n");
    }
    case "config-unset":
      // Any key: a setting kept before only the known ones could be set can still be removed.
      if (await records.deleteSetting(userId, command.key)) return `${command.key} is no longer set.`;
      return isKnownSetting(command.key) ? `${command.key} was not set.` : unknownSettingReply(command.key);
    case "location-set":
      await records.setLocation(userId, command.place);
      return `Your location is now ${command.place}.`;
    case "location-get": {
      const place = await records.getLocation(userId);
      if (place === undefined) return "You have no saved location yet. Try `location set Innsbruck`.";
      return `Your location is ${place}.`;
    }
    case "weather": {
      const place = command.place ?? (await records.getLocation(userId));
      if (place === undefined) return WHERE_REPLY;
      const units = command.units ?? unitsOf(await records.getSetting(userId, UNITS_KEY));
      return weatherAt(context.weather as WeatherReports, place, units);
    }
    case "alerts-on": {
      const time = command.time ?? (await records.getSetting(userId, ALERTS_KEY)) ?? DEFAULT_ALERT_TIME;
      await records.setSetting(userId, ALERTS_KEY, time);
      const zone = (await records.getSetting(userId, TIMEZONE_KEY)) ?? DEFAULT_TIME_ZONE;
      const place = await records.getLocation(userId);
      const when = `every day at ${time} (${zone})`;
      const lines = [
        place
          ? `Alerts on: the weather for ${place} ${when}.`
          : `Alerts on: ${when}, once you tell me where with \`location set <place>\`.`,
      ];
      if (zone === DEFAULT_TIME_ZONE)
        lines.push("Not on UTC? Set your time zone, e.g. `config set timezone Europe/Paris`.");
      if (context.identity.source !== "slack") {
        lines.push("Alerts come as Slack direct messages, so this chat will not show them.");
      }
      return lines.join(" ");
    }
    case "alerts-off":
      return (await records.deleteSetting(userId, ALERTS_KEY))
        ? "Alerts off: no more daily weather messages."
        : "Alerts were not on.";
    default: {
      const never: never = command;
      return never;
    }
  }
}

/**
 * The weather at `place`, in words. A refusal (unknown place, or another 4xx such as a place too long)
 * is answered at once; unavailability (no answer, 408, 429, 5xx) is thrown, for the bus to retry.
 */
async function weatherAt(weather: WeatherReports, place: string, units: Units): Promise<string> {
  try {
    return formatReport(await weather.current(place, units), units, place);
  } catch (error) {
    if (error instanceof UnknownPlace) {
      return `Sorry, I couldn't find ${place}. Try a city, e.g. \`weather in Paris\` or \`weather in Paris, FR\`.`;
    }
    if (error instanceof WeatherRejected) return WEATHER_REJECTED_REPLIES[error.reason];
    throw error;
  }
}

/** Why a setting the other commands read cannot take this value, or undefined when it can. */
function refuseSetting(key: string, value: string): string | undefined {
  if (key === TIMEZONE_KEY && !isTimeZone(value)) {
    return `Sorry, ${value} is not a time zone I know. Use a name like \`Europe/Paris\` or \`America/New_York\`.`;
  }
  if (key === UNITS_KEY && !isUnits(value)) {
    return `Sorry, units can be ${UNITS_IN_WORDS}.`;
  }
  if (key === ALERTS_KEY) return "Use `alerts on [HH:MM]` or `alerts off` for alerts.";
  return undefined;
}

/** The detail as a sentence: a capital first letter is not forced, a final full stop is. */
function sentence(detail: string): string {
  const trimmed = detail.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** The answer to `time`: the current time in UTC, e.g. `It is 14:05 UTC.` */
export function timeReply(now: Date): string {
  return `It is ${now.toISOString().slice(11, 16)} UTC.`;
}
