import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError } from "@jeeves/service-kit";
import { DEFAULT_DATA_ROOT, readLayout, serviceEnv } from "../src/layout.ts";
import { summary } from "../src/summary.ts";

describe("the suite's layout", () => {
  it("has the embedded defaults: ports 3000-3005 on 127.0.0.1, data/ at the repository root", () => {
    const layout = readLayout({});
    assert.deepEqual(layout.ports, {
      tokendealer: 3000,
      dataservice: 3001,
      slackbot: 3002,
      actions: 3003,
      weather: 3004,
      scheduler: 3005,
    });
    assert.equal(layout.openweatherMockPort, 3010);
    assert.equal(layout.urls.slackbot, "http://127.0.0.1:3002");
    assert.equal(layout.dataRoot, DEFAULT_DATA_ROOT);
    assert.match(DEFAULT_DATA_ROOT, /\/data\/$/);
  });

  it("gives each service its port, data folder, the others' URLs and the secret files", () => {
    const layout = readLayout({ JEEVES_DATA_DIR: "/tmp/j/", SLACKBOT_PORT: "4002", JEEVES_HOST: "::1" });
    const env = serviceEnv("slackbot", layout, {
      DATABASE_URL: "postgres://x",
      PORT: "9999",
      REDIS_URL: "redis://127.0.0.1:6379",
    });
    assert.equal(env.PORT, "4002", "the suite's port wins over a global PORT");
    assert.equal(env.HOST, "::1");
    assert.equal(env.DATA_DIR, "/tmp/j/slackbot");
    assert.equal(env.TOKENDEALER_URL, "http://[::1]:3000");
    assert.equal(env.DATABASE_URL, "postgres://x", "the person's variables pass through");
    assert.equal(env.REDIS_URL, "redis://127.0.0.1:6379", "the rate limits' Redis too");
    assert.equal(env.SLACKBOT_CLIENT_SECRET_FILE, "/tmp/j/tokendealer/secrets/slackbot.secret");
    assert.equal(env.SLACK_SIGNING_SECRET_FILE, "/tmp/j/slackbot/signing-secret");
    assert.equal(
      serviceEnv("actions", layout, { DATASERVICE_URL: "http://proxy:1" }).DATASERVICE_URL,
      "http://proxy:1",
    );
  });

  it("refuses a bad port with a clear message", () => {
    assert.throws(
      () => readLayout({ ACTIONS_PORT: "70000" }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /ACTIONS_PORT="70000": must be a port number/);
        return true;
      },
    );
  });

  it("prints where everything is and what to try", () => {
    const text = summary(readLayout({}), { BUS_URL: "amqp://guest:guest@h", REDIS_URL: "redis://:pw@cache:6379" });
    assert.match(text, /slackbot\s+http:\/\/127\.0\.0\.1:3002/);
    assert.match(text, /bus: RabbitMQ \(BUS_URL\)/);
    assert.doesNotMatch(text, /guest:guest/, "never the bus URL: it may hold a password");
    assert.match(text, /rate limits: Redis \(REDIS_URL\)/);
    assert.doesNotMatch(text, /:pw@/, "never the Redis URL either");
    assert.match(summary(readLayout({}), {}), /rate limits: in memory/);
    assert.match(text, /npm run chat/);
    assert.match(text, /scheduler\s+http:\/\/127\.0\.0\.1:3005/);
    assert.match(text, /Weather: OpenWeatherMap \(OPENWEATHER_API_KEY is set\)/);
    assert.match(
      summary(readLayout({}), {}, { url: "http://127.0.0.1:3010", demo: true }),
      /Weather: demo data from the OpenWeatherMap mock at http:\/\/127\.0\.0\.1:3010/,
    );
  });
});
