import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SERVICE_GLIBC_TUNABLES, SERVICE_MANIFESTS, SERVICE_NODE_OPTIONS } from "@jeeves/manifest";
import { ConfigError } from "@jeeves/service-kit";
import { DEFAULT_DATA_ROOT, portVariable, readLayout, SERVICES, type ServiceName, serviceEnv } from "../src/layout.ts";
import { dashboardLine, summary } from "../src/summary.ts";

describe("the suite's layout", () => {
  it("has the embedded defaults: ports 3000-3005 on 127.0.0.1, one per service, data/ at the repository root", () => {
    const layout = readLayout({});
    const documented = {
      tokendealer: 3000,
      dataservice: 3001,
      slackbot: 3002,
      actions: 3003,
      weather: 3004,
      scheduler: 3005,
    };
    for (const [name, port] of Object.entries(documented)) assert.equal(layout.ports[name as ServiceName], port, name);
    // A service added later (npm run new-service -w @jeeves/scaffold) takes the next free port.
    assert.deepEqual(Object.keys(layout.ports).sort(), [...SERVICES].sort());
    const ports = [...Object.values(layout.ports), layout.openweatherMockPort];
    assert.equal(new Set(ports).size, ports.length, "no two services share a port");
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
    assert.equal(env.ACTIONS_CLIENT_SECRET_FILE, "/tmp/j/tokendealer/secrets/actions.secret");
    assert.equal(env.SCHEDULER_CLIENT_SECRET_FILE, "/tmp/j/tokendealer/secrets/scheduler.secret");
    assert.equal(env.WEATHER_URL, "http://[::1]:3004");
    assert.equal(env.SLACKBOT_URL, "http://[::1]:4002");
    assert.equal(env.SLACK_SIGNING_SECRET_FILE, "/tmp/j/slackbot/signing-secret");
    assert.equal(
      serviceEnv("actions", layout, { DATASERVICE_URL: "http://proxy:1" }).DATASERVICE_URL,
      "http://proxy:1",
    );
  });

  it("starts a service process with the manifest's node options and malloc settings, the person's after them", () => {
    const layout = readLayout({});
    const plain = serviceEnv("dataservice", layout, {});
    assert.equal(plain.NODE_OPTIONS, SERVICE_NODE_OPTIONS);
    assert.equal(plain.GLIBC_TUNABLES, SERVICE_GLIBC_TUNABLES);
    const own = serviceEnv("dataservice", layout, { NODE_OPTIONS: "--max-semi-space-size=16", GLIBC_TUNABLES: "x=1" });
    assert.equal(own.NODE_OPTIONS, `${SERVICE_NODE_OPTIONS} --max-semi-space-size=16`);
    assert.equal(own.GLIBC_TUNABLES, `${SERVICE_GLIBC_TUNABLES}:x=1`);
  });

  it("takes the services, their order, port variables and default ports from the manifest", () => {
    assert.deepEqual(
      SERVICES,
      SERVICE_MANIFESTS.map((service) => service.name),
    );
    const layout = readLayout({});
    for (const service of SERVICE_MANIFESTS) {
      assert.equal(portVariable(service.name), service.port.variable);
      assert.equal(layout.ports[service.name], service.port.default, service.name);
      assert.equal(readLayout({ [service.port.variable]: "4999" }).ports[service.name], 4999, service.port.variable);
    }
    assert.equal(portVariable("weather"), "WEATHER_PORT");
    assert.throws(() => portVariable("road-works"), /no service named road-works/);
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

  it("names the SQLite folder right whether JEEVES_DATA_DIR ends in / or not", () => {
    for (const root of ["/srv/jeeves", "/srv/jeeves/"]) {
      const text = summary(readLayout({ JEEVES_DATA_DIR: root }), {});
      assert.match(text, /storage: SQLite in \/srv\/jeeves\/dataservice;/, root);
    }
    assert.match(
      summary(readLayout({}), { DATABASE_URL: "postgres://u:pw@db/j" }),
      /storage: PostgreSQL \(DATABASE_URL\);/,
    );
  });

  it("suggests only requests that work as printed, without a token", () => {
    const text = summary(readLayout({ WEATHER_PORT: "4004" }), {});
    assert.doesNotMatch(text, /GET \/weather\?/, "GET /weather needs a token: not a hint to try");
    assert.match(text, /Check a service:\s+curl http:\/\/127\.0\.0\.1:4004\/health\s/);
    assert.match(text, /Talk to Jeeves now:\s+npm run chat/);
  });

  it("checks LOG_LEVEL and the start-up retries once for the whole suite", () => {
    assert.deepEqual(readLayout({}).connectRetry, { attempts: 5, delayMs: 500 });
    assert.deepEqual(readLayout({ STARTUP_CONNECT_ATTEMPTS: "2", STARTUP_CONNECT_DELAY_MS: "0" }).connectRetry, {
      attempts: 2,
      delayMs: 0,
    });
    assert.throws(() => readLayout({ LOG_LEVEL: "verbose" }), /LOG_LEVEL="verbose": must be one of/);
    assert.throws(() => readLayout({ STARTUP_CONNECT_ATTEMPTS: "0" }), /STARTUP_CONNECT_ATTEMPTS="0"/);
  });

  it("says how the first admin logs in to the dashboard, never the password", () => {
    const layout = readLayout({});
    const file = `${DEFAULT_DATA_ROOT}secrets/admin-password`;
    const text = summary(layout, {}, undefined, { email: "admin@jeeves.local", password: { from: "file", file } });
    assert.match(
      text,
      /\n {2}dashboard {4}http:\/\/127\.0\.0\.1:3006 +log in as admin@jeeves\.local with the password in data\/secrets\/admin-password \(JEEVES_ADMIN_PASSWORD chooses it on a fresh data folder\)\n/,
    );
    assert.match(
      dashboardLine("http://127.0.0.1:3006", { email: "b@example.com", password: { from: "variable" } }),
      /log in as b@example\.com with the password in JEEVES_ADMIN_PASSWORD$/,
    );
    assert.match(
      dashboardLine("http://x", {
        email: "a@x",
        password: { from: "file", file: "/srv/jeeves/secrets/admin-password" },
      }),
      /in \/srv\/jeeves\/secrets\/admin-password /,
    );
    assert.match(
      dashboardLine("http://x", { email: "a@x", password: { from: "earlier-start" } }),
      /with the password of its first start/,
    );
    assert.doesNotMatch(summary(layout, {}), /log in as/);
  });
});
