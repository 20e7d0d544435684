import type { Command } from "./command.ts";
import { helpText } from "./help-text.ts";
import { type ChatIdentity, RecordsRejected, type UserRecords } from "./user-records.ts";

/** The answer to what is not a command. */
export const UNKNOWN_REPLY = "Sorry, I don't know that one. Write `help` to see what I can do.";
/** The answer to `weather` until the weather service exists. */
export const WEATHER_NOT_AVAILABLE_REPLY = "Sorry, weather is not available yet.";
/** The answer to `alerts on` and `alerts off` until the scheduler exists. */
export const ALERTS_NOT_AVAILABLE_REPLY = "Sorry, daily weather alerts are not available yet.";
/** The answer on the last attempt when the records could not be reached. */
export const RECORDS_UNAVAILABLE_REPLY = "Sorry, I can't reach my records right now. Please try again later.";
/** The answer on the last attempt when something else went wrong. */
export const FAILURE_REPLY = "Sorry, something went wrong on my side. Please try again later.";

/** What a command runs with: who wrote it, and their records. */
export interface RunContext {
  identity: ChatIdentity;
  records: UserRecords;
}

type RecordsCommand = Extract<
  Command,
  { kind: "config-set" | "config-get" | "config-show" | "config-unset" | "location-set" | "location-get" }
>;

/**
 * Runs a parsed command and answers the reply text (plain text with Slack-style mrkdwn: backticks and
 * bullets; escape it before sending it to Slack). Only the settings and location commands touch the
 * records, finding or creating the user first; the others answer without them, so `help` works while
 * the records are down. A refusal of the records ({@link RecordsRejected}) becomes a polite reply;
 * `RecordsUnavailable` and anything unexpected are thrown for the caller to retry.
 */
export async function runCommand(command: Command, context: RunContext): Promise<string> {
  switch (command.kind) {
    case "help":
      return helpText();
    case "unknown":
      return UNKNOWN_REPLY;
    case "invalid":
      return command.reason;
    case "weather":
      return WEATHER_NOT_AVAILABLE_REPLY;
    case "alerts-on":
    case "alerts-off":
      return ALERTS_NOT_AVAILABLE_REPLY;
    default:
      return runWithRecords(command, context);
  }
}

async function runWithRecords(command: RecordsCommand, { identity, records }: RunContext): Promise<string> {
  try {
    const userId = await records.findOrCreate(identity);
    return await runOnRecords(command, userId, records);
  } catch (error) {
    if (error instanceof RecordsRejected) return `Sorry, I couldn't do that: ${sentence(error.detail)}`;
    throw error;
  }
}

async function runOnRecords(command: RecordsCommand, userId: string, records: UserRecords): Promise<string> {
  switch (command.kind) {
    case "config-set":
      await records.setSetting(userId, command.key, command.value);
      return `${command.key} is now ${command.value}.`;
    case "config-get": {
      const value = await records.getSetting(userId, command.key);
      if (value === undefined) return `${command.key} is not set. Try \`config set ${command.key} <value>\`.`;
      return `${command.key} is ${value}.`;
    }
    case "config-show": {
      const settings = await records.listSettings(userId);
      if (settings.length === 0) return "You have no settings yet. Try `config set units metric`.";
      const lines = [...settings].sort((a, b) => a.key.localeCompare(b.key)).map((s) => `• ${s.key}: ${s.value}`);
      return ["Your settings:", ...lines].join("\n");
    }
    case "config-unset":
      return (await records.deleteSetting(userId, command.key))
        ? `${command.key} is no longer set.`
        : `${command.key} was not set.`;
    case "location-set":
      await records.setLocation(userId, command.place);
      return `Your location is now ${command.place}.`;
    case "location-get": {
      const place = await records.getLocation(userId);
      if (place === undefined) return "You have no saved location yet. Try `location set Innsbruck`.";
      return `Your location is ${place}.`;
    }
    default: {
      const never: never = command;
      return never;
    }
  }
}

/** The detail as a sentence: a capital first letter is not forced, a final full stop is. */
function sentence(detail: string): string {
  const trimmed = detail.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
