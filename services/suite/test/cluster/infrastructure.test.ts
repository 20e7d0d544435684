import assert from "node:assert/strict";
import { createServer } from "node:net";
import { describe, it } from "node:test";
import { StartupError } from "@jeeves/service-kit";
import { clusterSummary } from "../../src/cluster/cluster-summary.ts";
import { ensureInfrastructure, hostPort } from "../../src/cluster/infrastructure.ts";
import { readLayout } from "../../src/layout.ts";

/** A port that accepts connections while `use` runs. */
async function withListener<T>(use: (port: number) => Promise<T>): Promise<T> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    return await use((server.address() as { port: number }).port);
  } finally {
    server.close();
  }
}

/** A port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  return withListener(async (port) => port);
}

describe("the cluster's infrastructure", () => {
  it("reads host and port from a server's URL, with the scheme's standard port", () => {
    assert.deepEqual(hostPort("postgres://u:p@db.example/jeeves"), { host: "db.example", port: 5432 });
    assert.deepEqual(hostPort("amqp://127.0.0.1:5673"), { host: "127.0.0.1", port: 5673 });
    assert.deepEqual(hostPort("redis://[::1]"), { host: "[::1]", port: 6379 });
  });

  it("uses servers that answer, without starting anything", async () => {
    await withListener(async (port) => {
      const env = {
        DATABASE_URL: `postgres://127.0.0.1:${port}/jeeves`,
        BUS_URL: `amqp://127.0.0.1:${port}`,
        REDIS_URL: `redis://127.0.0.1:${port}`,
      };
      const started: string[] = [];
      const urls = await ensureInfrastructure(env, { say: () => {}, run: (command) => started.push(command) });
      assert.deepEqual(urls, env);
      assert.deepEqual(started, []);
    });
  });

  it("refuses a server that is down and not this machine's default, naming its variable (never its password)", async () => {
    const port = await closedPort();
    await withListener(async (open) => {
      const env = {
        DATABASE_URL: `postgres://127.0.0.1:${open}/jeeves`,
        BUS_URL: `amqp://guest:s3cret@127.0.0.1:${port}`,
        REDIS_URL: `redis://127.0.0.1:${open}`,
      };
      await assert.rejects(ensureInfrastructure(env, { say: () => {}, run: () => {} }), (error: unknown) => {
        assert.ok(error instanceof StartupError);
        assert.equal(error.variable, "BUS_URL");
        assert.match(error.message, /RabbitMQ is not reachable/);
        assert.doesNotMatch(error.message, /s3cret/);
        return true;
      });
    });
  });

  it("prints every process with its URL and pid, and the servers without their passwords", () => {
    const layout = readLayout({ JEEVES_DATA_DIR: "/srv/jeeves" });
    const text = clusterSummary(
      layout,
      [{ id: "slackbot-2", url: "http://127.0.0.1:3102" } as never],
      { "slackbot-2": 4242 },
      {
        DATABASE_URL: "postgres://jeeves:pw1@127.0.0.1:5432/jeeves",
        BUS_URL: "amqp://guest:pw2@127.0.0.1:5672",
        REDIS_URL: "redis://:pw3@127.0.0.1:6379",
      },
      { url: "http://127.0.0.1:3010", demo: true },
    );
    assert.match(text, /slackbot-2 +http:\/\/127\.0\.0\.1:3102 +pid 4242/);
    assert.match(text, /PostgreSQL: postgres:\/\/127\.0\.0\.1:5432/);
    assert.doesNotMatch(text, /pw1|pw2|pw3|jeeves:|guest/);
  });
});
