import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { SERVICE_MANIFESTS } from "@jeeves/manifest";
import type { AdminLogin } from "./admin-login.ts";
import type { SuiteLayout } from "./layout.ts";

/** The repository's root, to show the paths in it as `data/…`. */
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** A path inside the repository relative to its root (as `data/secrets/admin-password`), any other as it is. */
function shown(path: string): string {
  return path.startsWith(ROOT) ? relative(ROOT, path).split(sep).join("/") : path;
}

/** The dashboard's line: where it is, and how the first admin logs in (never the password). */
export function dashboardLine(url: string, admin: AdminLogin): string {
  const how =
    admin.password.from === "variable"
      ? "with the password in JEEVES_ADMIN_PASSWORD"
      : admin.password.from === "file"
        ? `with the password in ${shown(admin.password.file)} (JEEVES_ADMIN_PASSWORD chooses it on a fresh data folder)`
        : "with the password of its first start (JEEVES_ADMIN_PASSWORD chooses it on a fresh data folder)";
  return `  ${"dashboard".padEnd(12)} ${url.padEnd(24)} log in as ${admin.email} ${how}`;
}

/**
 * The lines `npm start` prints once everything listens: each service with its manifest's description,
 * its docs, how the first admin logs in to the dashboard (when it runs; never the password), and what
 * to try. Every request it suggests works as printed, without a token: the APIs themselves need one (see /docs).
 */
export function summary(
  layout: SuiteLayout,
  env: Record<string, string | undefined>,
  openweathermap: { url: string; demo: boolean } = { url: "https://api.openweathermap.org", demo: false },
  admin?: AdminLogin,
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
    ...(admin && layout.urls.dashboard ? [dashboardLine(layout.urls.dashboard, admin), ""] : []),
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
