import { join } from "node:path";
import { SERVICE_MANIFESTS } from "@jeeves/manifest";
import type { SuiteLayout } from "./layout.ts";

/**
 * The lines `npm start` prints once everything listens: each service with its manifest's description,
 * its docs, and what to try. Every request it suggests works as printed, without a token: the APIs
 * themselves need one (see /docs).
 */
export function summary(
  layout: SuiteLayout,
  env: Record<string, string | undefined>,
  openweathermap: { url: string; demo: boolean } = { url: "https://api.openweathermap.org", demo: false },
): string {
  const width = Math.max(...SERVICE_MANIFESTS.map((service) => service.description.length));
  const rows = SERVICE_MANIFESTS.map(
    ({ name, description }) =>
      `  ${name.padEnd(12)} ${layout.urls[name].padEnd(24)} ${description.padEnd(width)}  docs: /docs`,
  );
  const storage = env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `SQLite in ${join(layout.dataRoot, "dataservice")}`;
  const bus = env.BUS_URL ? "RabbitMQ (BUS_URL)" : "in-process";
  const limits = env.REDIS_URL ? "Redis (REDIS_URL)" : "in memory";
  return [
    "",
    "Jeeves is running:",
    ...rows,
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
