import type { SuiteLayout } from "../layout.ts";
import { hostPort } from "./infrastructure.ts";
import type { ClusterProcess } from "./plan.ts";

/** A server's URL as the summary shows it: scheme, host and port only (never a user or a password). */
function where(url: string): string {
  const { host, port } = hostPort(url);
  return `${new URL(url).protocol}//${host}:${port}`;
}

/** The lines `npm run start:cluster` prints once every process is ready: each process, its URL and pid. */
export function clusterSummary(
  layout: SuiteLayout,
  processes: readonly ClusterProcess[],
  pids: Record<string, number | undefined>,
  infrastructure: Record<string, string>,
  openweathermap: { url: string; demo: boolean },
): string {
  const rows = processes.map(
    (process) =>
      `  ${process.id.padEnd(14)} ${process.url.padEnd(24)} pid ${pids[process.id] ?? "?"}   docs: ${process.url}/docs`,
  );
  return [
    "",
    `Jeeves is running as ${processes.length} processes:`,
    ...rows,
    "",
    `  PostgreSQL: ${where(infrastructure.DATABASE_URL)}; RabbitMQ: ${where(infrastructure.BUS_URL)}; Redis: ${where(infrastructure.REDIS_URL)}`,
    `  data and secrets: ${layout.dataRoot}`,
    openweathermap.demo
      ? `  Weather: demo data from the OpenWeatherMap mock at ${openweathermap.url} (set OPENWEATHER_API_KEY for real weather)`
      : "  Weather: OpenWeatherMap (OPENWEATHER_API_KEY is set)",
    `  Slack: point your app's Event Subscriptions at any slackbot replica's /slack/events (behind your load balancer)`,
    "  Talk to Jeeves now:  npm run chat   (in another terminal)",
    "  Stop: Ctrl-C (every process drains and exits)",
    "",
  ].join("\n");
}
