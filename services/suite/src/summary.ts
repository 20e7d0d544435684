import { join } from "node:path";
import type { SuiteLayout } from "./layout.ts";

/**
 * The lines `npm start` prints once everything listens: each service, its docs, and what to try. Every
 * request it suggests works as printed, without a token: the APIs themselves need one (see /docs).
 */
export function summary(
  layout: SuiteLayout,
  env: Record<string, string | undefined>,
  openweathermap: { url: string; demo: boolean } = { url: "https://api.openweathermap.org", demo: false },
): string {
  const row = (name: string, url: string, what: string) => `  ${name.padEnd(12)} ${url.padEnd(24)} ${what}`;
  const storage = env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `SQLite in ${join(layout.dataRoot, "dataservice")}`;
  const bus = env.BUS_URL ? "RabbitMQ (BUS_URL)" : "in-process";
  const limits = env.REDIS_URL ? "Redis (REDIS_URL)" : "in memory";
  return [
    "",
    "Jeeves is running:",
    row("tokendealer", layout.urls.tokendealer, "OAuth2 tokens, JWKS                docs: /docs"),
    row("dataservice", layout.urls.dataservice, "users, settings, workspaces        docs: /docs"),
    row("slackbot", layout.urls.slackbot, "POST /slack/events, POST /chat     docs: /docs"),
    row("actions", layout.urls.actions, "runs commands from the bus         docs: /docs"),
    row("weather", layout.urls.weather, "weather reports (with a token)     docs: /docs"),
    row("scheduler", layout.urls.scheduler, "daily weather alerts (Slack DMs)   docs: /docs"),
    "",
    `  storage: ${storage}; bus: ${bus}; rate limits: ${limits}; data and secrets: ${layout.dataRoot}`,
    `  Slack: point your app's Event Subscriptions at ${layout.urls.slackbot}/slack/events`,
    openweathermap.demo
      ? `  Weather: demo data from the OpenWeatherMap mock at ${openweathermap.url} (set OPENWEATHER_API_KEY for real weather)`
      : "  Weather: OpenWeatherMap (OPENWEATHER_API_KEY is set)",
    "",
    "  Talk to Jeeves now:  npm run chat   (in another terminal; try: help, weather in Paris, config set units metric)",
    `  Check a service:     curl ${layout.urls.weather}/health   (the APIs take a TokenDealer token: see their /docs)`,
    "  Stop: Ctrl-C",
    "",
  ].join("\n");
}
