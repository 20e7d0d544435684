/**
 * The load generator process of the standalone figures (started pinned by `runLoad`): runs autocannon
 * with the configuration in argv[2] (JSON) and prints its result as one JSON line. With `paths`, each
 * request takes a random path of the list (random ids).
 */
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import type { LoadConfig } from "./load.ts";

const config = JSON.parse(process.argv[2] ?? "{}") as LoadConfig;
const paths = config.pathsFile ? readFileSync(config.pathsFile, "utf8").split("\n").filter(Boolean) : [];
const result = await autocannon({
  url: config.url,
  connections: config.connections,
  duration: config.duration,
  headers: config.headers,
  requests:
    paths.length > 0
      ? [
          {
            method: "GET",
            setupRequest(request) {
              request.path = paths[Math.floor(Math.random() * paths.length)];
              return request;
            },
          },
        ]
      : undefined,
});
process.stdout.write(
  `${JSON.stringify({
    requestsPerSec: result.requests.average,
    total: result.requests.total,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  })}\n`,
);
