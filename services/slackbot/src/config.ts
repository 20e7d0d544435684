import { fileURLToPath } from "node:url";
import {
  BUS_VARIABLES,
  CONNECT_RETRY_VARIABLES,
  LOG_LEVEL_VARIABLE,
  port,
  REDIS_VARIABLES,
  readConfig,
  text,
  url,
  withoutTrailingSlashes,
} from "@jeeves/service-kit";
import manifest from "../service.json" with { type: "json" };
import { DEFAULT_PUBLIC_URL, DEFAULT_SLACK_AUTHORIZE_URL } from "./domain/slack-install.ts";
import { DEFAULT_RATE_LIMITS } from "./rate-limits.ts";

/** The embedded default's signing secret file: `data/slackbot/signing-secret` at the repository root. */
export const DEFAULT_SIGNING_SECRET_FILE = fileURLToPath(
  new URL("../../../data/slackbot/signing-secret", import.meta.url),
);

/** Where the TokenDealer's embedded default writes the slackbot's client secret. */
export const DEFAULT_CLIENT_SECRET_FILE = fileURLToPath(
  new URL("../../../data/tokendealer/secrets/slackbot.secret", import.meta.url),
);

/** Slack's Web API. */
export const DEFAULT_SLACK_API_URL = "https://slack.com/api/";

/** Parses Slack's Web API base URL; a missing trailing slash is added (methods are appended to it). */
export function slackApiUrl(value: string): string {
  url("http", "https")(value);
  return value.endsWith("/") ? value : `${value}/`;
}

/** Parses the slackbot's public base URL (http or https); a trailing `/` is dropped. */
export function publicUrl(value: string): string {
  url("http", "https")(value);
  return withoutTrailingSlashes(value);
}

/** Parses a positive whole number of milliseconds. */
export function milliseconds(value: string): number {
  const ms = Number(value);
  if (!/^\d+$/.test(value) || ms < 1) throw new Error("must be a positive whole number of milliseconds");
  return ms;
}

/** Parses a positive integer. */
export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new Error("must be a positive integer");
  return n;
}

/** Reads the slackbot's configuration from the environment; throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env) {
  return readConfig(
    {
      // The port its manifest (service.json) declares, which the suite and the deploy files use too.
      PORT: { default: manifest.port.default, parse: port },
      HOST: { default: "127.0.0.1", parse: text },
      SLACK_SIGNING_SECRET: { default: undefined as string | undefined, parse: text, secret: true },
      SLACK_SIGNING_SECRET_FILE: { default: DEFAULT_SIGNING_SECRET_FILE, parse: text },
      SLACK_API_URL: { default: DEFAULT_SLACK_API_URL, parse: slackApiUrl },
      SLACK_CLIENT_ID: { default: undefined as string | undefined, parse: text },
      SLACK_CLIENT_SECRET: { default: undefined as string | undefined, parse: text, secret: true },
      SLACKBOT_PUBLIC_URL: { default: DEFAULT_PUBLIC_URL, parse: publicUrl },
      SLACK_REDIRECT_URI: { default: undefined as string | undefined, parse: url("http", "https") },
      SLACK_STATE_SECRET: { default: undefined as string | undefined, parse: text, secret: true },
      SLACK_OAUTH_AUTHORIZE_URL: { default: DEFAULT_SLACK_AUTHORIZE_URL, parse: url("http", "https") },
      // May carry a password: never shown.
      BUS_URL: { default: undefined as string | undefined, parse: url("amqp", "amqps"), secret: true },
      ...BUS_VARIABLES,
      DATASERVICE_URL: { default: "http://127.0.0.1:3001", parse: url("http", "https") },
      TOKENDEALER_URL: { default: "http://127.0.0.1:3000", parse: url("http", "https") },
      SLACKBOT_CLIENT_ID: { default: "slackbot", parse: text },
      SLACKBOT_CLIENT_SECRET: { default: undefined as string | undefined, parse: text, secret: true },
      SLACKBOT_CLIENT_SECRET_FILE: { default: DEFAULT_CLIENT_SECRET_FILE, parse: text },
      CHAT_REPLY_TIMEOUT_MS: { default: 15_000, parse: milliseconds },
      SLACK_POST_MAX_ATTEMPTS: { default: 5, parse: positiveInteger },
      SLACK_POST_RETRY_DELAY_MS: { default: 5_000, parse: milliseconds },
      ...REDIS_VARIABLES,
      RATE_LIMIT_SLACK_EVENTS_PER_MINUTE: {
        default: DEFAULT_RATE_LIMITS.slackEventsPerMinute as number,
        parse: positiveInteger,
      },
      RATE_LIMIT_CHAT_PER_MINUTE: { default: DEFAULT_RATE_LIMITS.chatPerMinute as number, parse: positiveInteger },
      ...LOG_LEVEL_VARIABLE,
      ...CONNECT_RETRY_VARIABLES,
    },
    env,
  );
}

/** The slackbot's validated configuration. */
export type Config = ReturnType<typeof loadConfig>;
