import assert from "node:assert/strict";
import { createServer } from "node:net";
import { test } from "node:test";
import { redisReachable, requireRedis } from "../src/index.ts";

/** A port where nothing listens: one we listened on and closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test("redisReachable is false where nothing answers; requireRedis then skips, or fails under CI", async () => {
  const url = `redis://127.0.0.1:${await closedPort()}`;
  assert.equal(await redisReachable(url), false);
  const skipped: string[] = [];
  const ci = process.env.CI;
  try {
    delete process.env.CI;
    assert.equal(await requireRedis({ skip: (message) => skipped.push(String(message)) }, url), false);
    assert.match(skipped[0], /Redis not reachable at 127\.0\.0\.1:\d+: skipped/);
    process.env.CI = "true";
    await assert.rejects(requireRedis({ skip: () => {} }, url), /CI=true/);
  } finally {
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
  }
});

test("redisReachable answers true for something that says +PONG", async () => {
  const server = createServer((socket) => socket.once("data", () => socket.end("+PONG\r\n")));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  try {
    assert.equal(await redisReachable(`redis://127.0.0.1:${port}`), true);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
