import assert from "node:assert/strict";
import { test } from "node:test";
import { build } from "../helper.ts";

test("/health and /ready answer ok, /ready naming both bus subscriptions", async (t) => {
  const { app } = await build(t);
  const health = await app.inject({ method: "GET", url: "/health" });
  assert.equal(health.statusCode, 200);
  assert.deepEqual(health.json(), { status: "ok", service: "slackbot", checks: [] });
  const ready = await app.inject({ method: "GET", url: "/ready" });
  assert.equal(ready.statusCode, 200);
  assert.deepEqual(
    ready.json().checks.map((check: { name: string }) => check.name),
    ["reply-poster", "local-chat"],
  );
});

test("/ready answers 503 once a subscription has stopped", async (t) => {
  const { app } = await build(t);
  app.replyPoster.running = false;
  const ready = await app.inject({ method: "GET", url: "/ready" });
  assert.equal(ready.statusCode, 503);
  assert.equal(ready.headers["retry-after"], "5");
  assert.equal(ready.json().code, "SLACKBOT_ERR_NOT_READY");
});
