import { ALERTS_KEY, TIMEZONE_KEY, UNITS, UNITS_KEY } from "@jeeves/chat-domain";

/** The alert time of `alerts on` without one. */
export const DEFAULT_ALERT_TIME = "08:00";

/** The units as people are told them: "`metric` or `imperial`". */
export const UNITS_IN_WORDS = UNITS.map((units) => `\`${units}\``).join(" or ");

/** One setting Jeeves reads: its key, the values it takes (for people), and how to set it. */
interface Setting {
  key: string;
  takes: string;
  example: string;
}

/** The settings Jeeves reads (the weather's units, the alerts' time zone and time), in the order told. */
export const SETTINGS: readonly Setting[] = [
  { key: UNITS_KEY, takes: UNITS_IN_WORDS, example: "config set units imperial" },
  { key: TIMEZONE_KEY, takes: "a name like `Europe/Paris`", example: "config set timezone Europe/Paris" },
  { key: ALERTS_KEY, takes: "a time, set with `alerts on [HH:MM]`", example: "alerts on 07:30" },
];

/** Whether `key` is one of the {@link SETTINGS}. */
export function isKnownSetting(key: string): boolean {
  return SETTINGS.some((setting) => setting.key === key);
}

/**
 * The answer to `config get` or `config set` of a key Jeeves does not read: that it is unknown, and
 * which keys there are (a setting nothing reads would only be kept, never used).
 */
export function unknownSettingReply(key: string): string {
  const listed = SETTINGS.map((setting) => `\`${setting.key}\` (${setting.takes})`);
  const keys = `${listed.slice(0, -1).join(", ")} and ${listed.at(-1)}`;
  const place =
    key === "location"
      ? "Your place is not a setting: `location` shows it, `location set <place>` changes it."
      : "Your place is kept with `location set <place>`.";
  return `Sorry, \`${key}\` is not a setting I know. The settings are ${keys}. ${place}`;
}

/** The answer to `config get` of a known setting that is not set: how to set it. */
export function notSetReply(key: string): string {
  const setting = SETTINGS.find((candidate) => candidate.key === key);
  return setting ? `${key} is not set. Try \`${setting.example}\`.` : `${key} is not set.`;
}
