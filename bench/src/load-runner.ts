// The load generator's own process (spawned by load.ts, pinned to the load CPU): runs autocannon once
// with the JSON options in argv[2] and prints one JSON line of its results on stdout.
import autocannon from "autocannon";
import type { LoadOptions, LoadResult } from "./load.ts";

const options = JSON.parse(process.argv[2] ?? "{}") as LoadOptions;
/** Placeholder in a body replaced by a number unique to the request (`bench-{{n}}@example.com`). */
const UNIQUE = "{{n}}";
const prefix = `${Date.now().toString(36)}${process.pid.toString(36)}`;
let counter = 0;

const result = await autocannon({
  url: options.url,
  connections: options.connections,
  duration: options.duration,
  method: options.method ?? "GET",
  headers: options.headers,
  body: options.unique ? undefined : options.body,
  requests: options.unique
    ? [
        {
          setupRequest: (request) => {
            counter += 1;
            request.body = (options.body ?? "").replaceAll(UNIQUE, `${prefix}-${counter}`);
            return request;
          },
        },
      ]
    : undefined,
});

const summary: LoadResult = {
  rps: result.requests.mean,
  p50: result.latency.p50,
  p99: result.latency.p99,
  latencyMean: result.latency.mean,
  requests: result.requests.total,
  errors: result.errors,
  timeouts: result.timeouts,
  non2xx: result.non2xx,
  statusCodes: Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat?.count ?? 0]),
  ),
  bytesPerSecond: result.throughput.mean,
};
process.stdout.write(`${JSON.stringify(summary)}\n`);
