import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, type TestContext, test } from "node:test";
import { assertRateLimited, requireRedis } from "@jeeves/testing";
import Fastify, { type FastifyInstance, } from "fastify";
import { bodyParsers } from "../src/body-parsers.ts";
import {
  createApp,
  type OperationHooks,
  openapiRoutes,
  type RateLimitPluginOptions,
  routeRateLimit,
} from "../src/index.ts";
import { problemHandler } from "../src/problem-handler.ts";
import { echoHandlers, echoSpec } from "./helper.ts";

const REDIS_URL = process.env.RATE_LIMIT_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const _REDIS_SKIP = "Redis not reachable at 127.0.0.1:6379: skipped";
const health = { status: "ok", service: "limited", checks: [] };

/** Handlers of the fixture that count how often `getOk` and `echo` really ran. */
function countingHandlers() {
  const ran = { getOk: 0, echo: 0 };
  return {
    ran,
    handlers: {
      ...echoHandlers,
      getOk: () => {
        ran.getOk += 1;
        return { status: 200, body: health };
      },
      echo: ({ body }: { body: unknown }) => {
        ran.echo += 1;
        return { status: 200, body };
      },
    },
  };
}

async function build(
  t: TestContext,
  hooks: Record<string, OperationHooks>,
  handlers: object,
  rateLimit: RateLimitPluginOptions = {},
): Promise<FastifyInstance> {
  const app = await createApp({ name: "limited", spec: echoSpec, logger: false, rateLimit });
  t.after(() => app.close());
  await app.register(openapiRoutes, {
    spec: echoSpec,
    handlers,
    verifier: { verify: () => Promise.reject(new Error("no tokens here")) },
    hooks,
  });
  await app.ready();
  return app;
}

describe("rate limits", () => {
  test("beyond its limit an operation answers 429 problem+json with Retry-After, and the handler does not run", async (t) => {
    const { ran, handlers } = countingHandlers();
    const app = await build(t, { getOk: { rateLimit: { max: 3 } } }, handlers);
    for (let i = 0; i < 3; i++) assert.equal((await app.inject({ url: "/ok" })).statusCode, 200);
    for (let i = 0; i < 5; i++) assertRateLimited(await app.inject({ url: "/ok" }));
    assert.equal(ran.getOk, 3);
    // Another operation without a limit is not counted.
    const other = await app.inject({
      method: "POST",
      url: "/echo",
      headers: { "content-type": "application/json" },
      payload: health,
    });
    assert.equal(other.statusCode, 200);
  });

  test("each key has its own count: a client over its limit does not limit another", async (t) => {
    const { ran, handlers } = countingHandlers();
    const app = await build(
      t,
      { getOk: { rateLimit: { max: 2, key: (request) => String(request.headers["x-client"]) } } },
      handlers,
    );
    const as = (client: string) => app.inject({ url: "/ok", headers: { "x-client": client } });
    assert.equal((await as("a")).statusCode, 200);
    assert.equal((await as("a")).statusCode, 200);
    assertRateLimited(await as("a"));
    assert.equal((await as("b")).statusCode, 200);
    assert.equal((await as("b")).statusCode, 200);
    assertRateLimited(await as("b"));
    assert.equal(ran.getOk, 4);
  });

  test("a preValidation limit can key on the parsed body, and counts before the handler", async (t) => {
    const { ran, handlers } = countingHandlers();
    const keys: string[] = [];
    const app = await build(
      t,
      {
        echo: {
          rateLimit: {
            max: 1,
            hook: "preValidation",
            key: (request) => {
              const key = `service=${(request.body as { service?: unknown }).service}`;
              keys.push(key);
              return key;
            },
          },
        },
      },
      handlers,
    );
    const post = (service: string) =>
      app.inject({
        method: "POST",
        url: "/echo",
        headers: { "content-type": "application/json" },
        payload: { ...health, service },
      });
    assert.equal((await post("one")).statusCode, 200);
    assertRateLimited(await post("one"));
    assert.equal((await post("two")).statusCode, 200);
    assert.deepEqual(keys, ["service=one", "service=one", "service=two"]);
    assert.equal(ran.echo, 2);
  });

  test("a long key (it holds what the client sent) is hashed and still counted", async (t) => {
    const { handlers } = countingHandlers();
    const app = await build(
      t,
      { getOk: { rateLimit: { max: 1, key: (request) => String(request.headers["x-client"]) } } },
      handlers,
    );
    const long = "x".repeat(10_000);
    assert.equal((await app.inject({ url: "/ok", headers: { "x-client": long } })).statusCode, 200);
    assertRateLimited(await app.inject({ url: "/ok", headers: { "x-client": long } }));
    assert.equal((await app.inject({ url: "/ok", headers: { "x-client": `${long}y` } })).statusCode, 200);
  });

  test("in memory, many other keys do not push a limited key's count out", async (t) => {
    const { handlers } = countingHandlers();
    const app = await build(
      t,
      { getOk: { rateLimit: { max: 1, key: (request) => String(request.headers["x-client"]) } } },
      handlers,
    );
    assert.equal((await app.inject({ url: "/ok", headers: { "x-client": "victim" } })).statusCode, 200);
    for (let i = 0; i < 5100; i++) await app.inject({ url: "/ok", headers: { "x-client": `other-${i}` } });
    assertRateLimited(await app.inject({ url: "/ok", headers: { "x-client": "victim" } }));
  });

  test("a limit that is not a positive integer is refused", () => {
    assert.throws(() => routeRateLimit({ max: 0 }), /positive integer/);
    assert.throws(() => routeRateLimit({ max: 1.5 }), /positive integer/);
  });

  test("an operation's limit without the kit's rate limit plugin fails at start-up", async (t) => {
    const app = Fastify({ logger: false });
    t.after(() => app.close());
    await app.register(problemHandler);
    await app.register(bodyParsers);
    const routes = async () => {
      await app.register(openapiRoutes, {
        spec: echoSpec,
        handlers: echoHandlers,
        verifier: { verify: () => Promise.reject(new Error("no tokens here")) },
        hooks: { getOk: { rateLimit: { max: 1 } } },
      });
      await app.ready();
    };
    await assert.rejects(routes(), /rate limit plugin/);
  });

  test("a REDIS_URL where nothing answers fails the start with a message that names it", async () => {
    await assert.rejects(
      createApp({ name: "limited", spec: echoSpec, logger: false, rateLimit: { redisUrl: "redis://127.0.0.1:1" } }),
      /cannot reach Redis at REDIS_URL/,
    );
  });

  test("with Redis, two instances share one count", async (t) => {
    if (!(await requireRedis(t, REDIS_URL))) return;
    const keyPrefix = `jeeves-test:${randomUUID()}:`;
    const first = countingHandlers();
    const second = countingHandlers();
    const hooks = { getOk: { rateLimit: { max: 3 } } };
    const a = await build(t, hooks, first.handlers, { redisUrl: REDIS_URL, keyPrefix });
    const b = await build(t, hooks, second.handlers, { redisUrl: REDIS_URL, keyPrefix });
    assert.equal((await a.inject({ url: "/ok" })).statusCode, 200);
    assert.equal((await b.inject({ url: "/ok" })).statusCode, 200);
    assert.equal((await a.inject({ url: "/ok" })).statusCode, 200);
    assertRateLimited(await b.inject({ url: "/ok" }));
    assertRateLimited(await a.inject({ url: "/ok" }));
    assert.equal(first.ran.getOk + second.ran.getOk, 3);
    // A third instance under another prefix counts on its own.
    const c = await build(t, hooks, countingHandlers().handlers, {
      redisUrl: REDIS_URL,
      keyPrefix: `jeeves-test:${randomUUID()}:`,
    });
    assert.equal((await c.inject({ url: "/ok" })).statusCode, 200);
  });
});
