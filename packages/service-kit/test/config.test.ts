import assert from "node:assert/strict";
import { test } from "node:test";
import {
  BUS_VARIABLES,
  busOptionsOf,
  ConfigError,
  port,
  readConfig,
  text,
  url,
  withoutTrailingSlashes,
} from "../src/index.ts";

function atLeastEight(value: string): string {
  if (value.length < 8) throw new Error("must be at least 8 characters");
  return value;
}

const schema = {
  PORT: { default: 3000, parse: port },
  DATABASE_URL: { parse: url("postgres") },
  SECRET: { parse: atLeastEight, secret: true },
  NAME: { default: "jeeves", parse: text },
};

test("readConfig parses the environment and applies defaults", () => {
  const config = readConfig(schema, { DATABASE_URL: "postgres://db/test", SECRET: "long-enough" });
  assert.deepEqual(config, { PORT: 3000, DATABASE_URL: "postgres://db/test", SECRET: "long-enough", NAME: "jeeves" });
});

test("readConfig reports every problem at once and never shows a secret", () => {
  assert.throws(
    () => readConfig(schema, { PORT: "http", DATABASE_URL: "mysql://db", SECRET: "short" }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(error.problems, [
        'PORT="http": must be a port number 0-65535',
        'DATABASE_URL="mysql://db": must be a postgres URL',
        "SECRET=(secret): must be at least 8 characters",
      ]);
      assert.ok(!error.message.includes("short"));
      return true;
    },
  );
  assert.throws(() => readConfig(schema, {}), /DATABASE_URL is required/);
});

test("withoutTrailingSlashes drops every trailing `/` and nothing else", () => {
  assert.equal(withoutTrailingSlashes("http://a.test/x///"), "http://a.test/x");
  assert.equal(withoutTrailingSlashes("http://a.test/x"), "http://a.test/x");
  assert.equal(withoutTrailingSlashes("///"), "");
  assert.equal(withoutTrailingSlashes(""), "");
  assert.equal(withoutTrailingSlashes(`http://a.test/${"/".repeat(40_000)}`), "http://a.test");
});

test("BUS_EXCHANGE and BUS_QUEUE_PREFIX name the bus on RabbitMQ, default jeeves and no prefix, and refuse odd names", () => {
  assert.deepEqual(busOptionsOf(readConfig(BUS_VARIABLES, {})), {
    exchange: "jeeves",
    queuePrefix: "",
    crashBeforeAckFile: undefined,
  });
  assert.deepEqual(
    busOptionsOf(readConfig(BUS_VARIABLES, { BUS_EXCHANGE: "run1.jeeves", BUS_QUEUE_PREFIX: "run1." })),
    {
      exchange: "run1.jeeves",
      queuePrefix: "run1.",
      crashBeforeAckFile: undefined,
    },
  );
  assert.throws(
    () => readConfig(BUS_VARIABLES, { BUS_EXCHANGE: "a b", BUS_QUEUE_PREFIX: "x".repeat(101) }),
    (error: unknown) =>
      error instanceof ConfigError && /BUS_EXCHANGE/.test(error.message) && /BUS_QUEUE_PREFIX/.test(error.message),
  );
});
