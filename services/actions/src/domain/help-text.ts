/** One line of the help: how to write the command, what it does, one example. */
interface HelpEntry {
  usage: string;
  does: string;
  example: string;
}

const ENTRIES: HelpEntry[] = [
  { usage: "help", does: "this list (`?` works too)", example: "help" },
  {
    usage: "weather [in <place>] [in metric|in imperial]",
    does: "the weather now, at a place or at your saved place",
    example: "weather in Saint-Denis, FR",
  },
  { usage: "location set <place>", does: "save your place", example: "location set Innsbruck" },
  { usage: "location", does: "show your saved place", example: "location" },
  { usage: "config set <key> <value>", does: "set one of your settings", example: "config set units imperial" },
  { usage: "config get <key>", does: "show one setting", example: "config get units" },
  { usage: "config show", does: "show all your settings", example: "config show" },
  { usage: "config unset <key>", does: "remove a setting", example: "config unset units" },
  { usage: "alerts on [HH:MM]", does: "a weather alert every day (24-hour time)", example: "alerts on 07:30" },
  { usage: "alerts off", does: "stop the daily alert", example: "alerts off" },
];

/** `time`, while it is rolled out (flag `time-command`): listed only for writers it is on for. */
const TIME_ENTRY: HelpEntry = { usage: "time", does: "the time now, in UTC", example: "time" };

/**
 * The answer to `help`: every command, with what it does and one example (Slack mrkdwn); `time` too when
 * `withTime` (the `time-command` flag is on for the writer).
 */
export function helpText(withTime = false): string {
  const entries = withTime ? [...ENTRIES, TIME_ENTRY] : ENTRIES;
  const lines = entries.map((e) => `• \`${e.usage}\`: ${e.does}. Example: \`${e.example}\``);
  return ["Here is what I can do (mention me, or write to me directly):", ...lines].join("\n");
}
