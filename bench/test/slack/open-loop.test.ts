import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { verifySlackSignature } from "@jeeves/slackbot";
import { latencySummary, runOpenLoop } from "../../src/slack/open-loop.ts";

test("the load process sends every signed event once, and reports each one's status and key", async (t) => {
  const secret = "bench-test-secret";
  const seen: { ts: string; ok: boolean }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const raw = Buffer.concat(chunks);
      const check = verifySlackSignature({
        signingSecret: secret,
        timestamp: request.headers["x-slack-request-timestamp"] as string,
        signature: request.headers["x-slack-signature"] as string,
        rawBody: raw,
        nowSeconds: Math.floor(Date.now() / 1000),
      });
      const body = JSON.parse(raw.toString("utf8")) as { event: { ts: string } };
      seen.push({ ts: body.event.ts, ok: check.ok });
      response.writeHead(check.ok ? 200 : 401, { "content-type": "application/json" });
      response.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  const outcome = await runOpenLoop(
    {
      requests: {
        kind: "slack-event",
        url: `http://127.0.0.1:${port}/slack/events`,
        signingSecret: secret,
        text: "help",
        run: "TEST0001",
        firstSeq: 40,
      },
      rate: 100,
      durationSeconds: 0.1,
    },
    0,
  );
  assert.equal(outcome.keys.length, 10);
  assert.deepEqual(outcome.status, new Array(10).fill(200));
  assert.deepEqual(outcome.errors, {});
  assert.ok(outcome.latencyMs.every((ms) => ms >= 0));
  assert.deepEqual(new Set(seen.map((s) => s.ts)), new Set(outcome.keys));
  assert.ok(seen.every((s) => s.ok));
  assert.equal(outcome.keys[0].split(".")[1], "000040");
});

test("a refused request is an error, not a latency", async (t) => {
  const server = createServer((_request, response) => {
    response.writeHead(401);
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  const outcome = await runOpenLoop(
    {
      requests: { kind: "chat", url: `http://127.0.0.1:${port}/chat`, token: "t", text: "config show", user: "bench" },
      rate: 50,
      durationSeconds: 0.1,
    },
    0,
  );
  assert.equal(outcome.keys.length, 5);
  assert.deepEqual(outcome.errors, { "HTTP 401": 5 });
  assert.ok(outcome.latencyMs.every((ms) => ms === -1));
});

test("latencySummary gives nearest-rank p50 and p99 and the max", () => {
  const values = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.deepEqual(latencySummary(values), { p50: 50, p99: 99, max: 100 });
  assert.ok(Number.isNaN(latencySummary([]).p99));
});
