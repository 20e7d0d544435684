import assert from "node:assert/strict";
import { test } from "node:test";
import { build } from "../helper.ts";
import { get } from "../wire.ts";

test("/health answers without a token, in every encoding", async (t) => {
  const { app } = await build(t);
  for (const encoding of ["json", "msgpack", "protobuf"] as const) {
    const res = await get(app, "/health", { encoding });
    assert.equal(res.status, 200, encoding);
    assert.deepEqual(res.body, { status: "ok", service: "weather", checks: [] }, encoding);
  }
});

test("/ready answers without a token and says whether the data is live or demo data", async (t) => {
  const live = await build(t);
  const demo = await build(t, { apiKey: undefined });
  const liveReady = await get(live.app, "/ready");
  const demoReady = await get(demo.app, "/ready", { encoding: "protobuf" });
  assert.equal(liveReady.status, 200);
  assert.deepEqual(liveReady.body.checks, [{ name: "openweathermap", status: "ok", detail: "live data" }]);
  assert.equal(demoReady.status, 200);
  assert.match(demoReady.body.checks[0].detail, /^demo data/);
  assert.equal(live.upstream.calls.length + demo.upstream.calls.length, 0, "readiness spends no quota");
});
