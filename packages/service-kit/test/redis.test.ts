import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { deleteRedisKeys, redisTestPrefix, requireRedis, TEST_REDIS_URL } from "@jeeves/testing";
import Fastify from "fastify";
import {
  type ConfigError,
  createApp,
  DEFAULT_REDIS_KEY_PREFIX,
  openapiRoutes,
  REDIS_VARIABLES,
  readConfig,
  redisPlugin,
  StartupError,
} from "../src/index.ts";
import { echoHandlers, echoSpec } from "./helper.ts";

describe("redisPlugin", () => {
  test("without a URL app.redis is null and nothing is loaded or connected", async () => {
    const app = Fastify({ logger: false });
    await app.register(redisPlugin, {});
    await app.ready();
    assert.equal(app.redis, null);
    await app.close();
  });

  test("with a URL it connects at start-up, decorates app.redis with the key prefix, and quits on close", async (t) => {
    if (!(await requireRedis(t))) return;
    const app = Fastify({ logger: false });
    const keyPrefix = redisTestPrefix("plugin");
    await app.register(redisPlugin, { url: TEST_REDIS_URL, keyPrefix });
    await app.ready();
    assert.ok(app.redis);
    assert.equal(app.redis.keyPrefix, keyPrefix);
    assert.equal(await app.redis.client.ping(), "PONG");
    const { client } = app.redis;
    await app.close();
    assert.equal(client.status, "end");
  });

  test("the key prefix defaults to jeeves:", async (t) => {
    if (!(await requireRedis(t))) return;
    const app = Fastify({ logger: false });
    await app.register(redisPlugin, { url: TEST_REDIS_URL });
    await app.ready();
    assert.equal(app.redis?.keyPrefix, DEFAULT_REDIS_KEY_PREFIX);
    await app.close();
  });

  test("a Redis that cannot be reached fails the start: a line per attempt, then one naming REDIS_URL", async () => {
    const warnings: string[] = [];
    const app = Fastify({
      logger: {
        level: "warn",
        stream: {
          write: (line: string) => {
            warnings.push(JSON.parse(line).msg);
          },
        },
      },
    });
    await assert.rejects(
      (async () => {
        await app.register(redisPlugin, {
          url: "redis://:hunter2@127.0.0.1:1",
          connectRetry: { attempts: 2, delayMs: 1 },
        });
        await app.ready();
      })(),
      (error: Error) => {
        assert.ok(error instanceof StartupError);
        assert.match(
          error.message,
          /^REDIS_URL: cannot connect to redis:\/\/:\[redacted\]@127\.0\.0\.1:1 \(ECONNREFUSED\) after 2 attempts in/,
        );
        assert.doesNotMatch(error.message, /hunter2/);
        return true;
      },
    );
    assert.equal(warnings.length, 2, "one line per attempt");
    assert.doesNotMatch(warnings.join("\n"), /hunter2/);
    await app.close().catch(() => {});
  });

  test("createApp registers it (name jeeves-redis) and its rate limits count in the same connection", async (t) => {
    const plain = await createApp({ name: "plain", spec: echoSpec, logger: false });
    assert.equal(plain.redis, null);
    assert.ok(plain.hasPlugin("jeeves-redis"));
    await plain.close();
    if (!(await requireRedis(t))) return;
    const keyPrefix = redisTestPrefix("create-app");
    const app = await createApp({
      name: "shared",
      spec: echoSpec,
      logger: false,
      redis: { url: TEST_REDIS_URL, keyPrefix },
      rateLimit: { keyPrefix: `${keyPrefix}rate-limit:` },
    });
    await app.register(openapiRoutes, {
      spec: echoSpec,
      handlers: echoHandlers,
      verifier: { verify: () => Promise.reject(new Error("no tokens here")) },
      hooks: { getOk: { rateLimit: { max: 5 } } },
    });
    await app.ready();
    assert.equal((await app.inject({ url: "/ok" })).statusCode, 200);
    const redis = app.redis;
    assert.ok(redis);
    const counted = await redis.client.keys(`${keyPrefix}rate-limit:*`);
    assert.equal(counted.length, 1, "the request was counted through app.redis");
    await deleteRedisKeys(redis.client, keyPrefix);
    await app.close();
  });
});

describe("REDIS_VARIABLES", () => {
  test("REDIS_URL is optional and secret, REDIS_KEY_PREFIX defaults to jeeves: and is checked", () => {
    assert.deepEqual(readConfig(REDIS_VARIABLES, {}), { REDIS_URL: undefined, REDIS_KEY_PREFIX: "jeeves:" });
    assert.deepEqual(
      readConfig(REDIS_VARIABLES, { REDIS_URL: "rediss://:pw@cache:6380/2", REDIS_KEY_PREFIX: "j-2:" }),
      {
        REDIS_URL: "rediss://:pw@cache:6380/2",
        REDIS_KEY_PREFIX: "j-2:",
      },
    );
    assert.throws(
      () => readConfig(REDIS_VARIABLES, { REDIS_URL: "http://:pw@cache", REDIS_KEY_PREFIX: "has space" }),
      (error: ConfigError) => {
        assert.deepEqual(error.problems, [
          "REDIS_URL=(secret): must be a redis or rediss URL",
          'REDIS_KEY_PREFIX="has space": must be 1 to 64 letters, digits, _, -, . or :',
        ]);
        return true;
      },
    );
  });
});
