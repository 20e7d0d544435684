import type { Mode } from "./figure.ts";

/** The suite's services, in start order. */
export const SERVICE_NAMES = ["tokendealer", "dataservice", "weather", "slackbot", "actions", "scheduler"] as const;
/** One of the suite's services. */
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** How to start the suite for a figure. */
export interface TopologyOptions {
  /** `one-process`: `npm start` (turbo, tsx, the suite); `separate`: each service its own process. */
  mode: Exclude<Mode, "standalone">;
  /** The CPU every server process is pinned to (taskset). */
  serverCpu: number;
  /** Extra environment for the services (SLACK_API_URL of a Slack mock, BUS_URL, DATABASE_URL, LOG_LEVEL…). */
  env?: Record<string, string | undefined>;
  /** Prints progress lines. */
  progress?(line: string): void;
}

/** A running suite, started by the benchmark in a data folder of its own. */
export interface Topology {
  mode: Exclude<Mode, "standalone">;
  /** `http://127.0.0.1:<port>` of each service. */
  urls: Record<ServiceName, string>;
  /** The data folder (secrets under `tokendealer/secrets`, the Slack signing secret under `slackbot/`). */
  dataDir: string;
  /** Milliseconds from the first spawn until every service's `/ready` answered 200. */
  startupMs: number;
  /** Every process the topology runs (npm, turbo, tsx, node, mocks), for memory figures. */
  pids(): number[];
  /** A bearer token of the admin client (`jeeves-admin`) for `audience`, with `scopes` (default all). */
  token(audience: ServiceName, scopes?: string[]): Promise<string>;
  /** Stops every process (SIGTERM, then SIGKILL after a bounded wait) and removes the data folder. */
  close(): Promise<void>;
}
