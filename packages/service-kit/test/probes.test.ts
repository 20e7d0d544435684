import assert from "node:assert/strict";
import { test } from "node:test";
import { isProbe } from "../src/request-logging.ts";

test("GET /health, /ready and /metrics are probes (quiet request lines); other operations are not", () => {
  for (const path of ["/health", "/ready", "/metrics"]) assert.ok(isProbe({ method: "get", path }), path);
  assert.ok(!isProbe({ method: "POST", path: "/health" }));
  assert.ok(!isProbe({ method: "GET", path: "/users" }));
});
