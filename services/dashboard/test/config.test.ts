import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ConfigError } from "@jeeves/service-kit";
import { DEFAULT_PORT, DEFAULT_STATIC_DIR, loadConfig } from "../src/config.ts";
import { appOptionsFromConfig } from "../src/service.ts";

test("the embedded defaults: its own port on 127.0.0.1, the other services on theirs, the page in web/dist", () => {
  const config = loadConfig({});
  assert.equal(config.PORT, DEFAULT_PORT);
  assert.equal(config.HOST, "127.0.0.1");
  assert.equal(config.TOKENDEALER_URL, "http://127.0.0.1:3000");
  assert.equal(config.DATASERVICE_URL, "http://127.0.0.1:3001");
  assert.equal(config.SLACKBOT_URL, "http://127.0.0.1:3002");
  assert.equal(config.DASHBOARD_CLIENT_ID, "dashboard");
  assert.match(config.DASHBOARD_CLIENT_SECRET_FILE, /data\/tokendealer\/secrets\/dashboard\.secret$/);
  assert.equal(config.DASHBOARD_STATIC_DIR, DEFAULT_STATIC_DIR);
  assert.match(DEFAULT_STATIC_DIR, /services\/dashboard\/web\/dist\/$/);
  assert.equal(config.DASHBOARD_SESSION_TTL_SECONDS, 8 * 3600);
  assert.equal(config.RATE_LIMIT_LOGIN_PER_MINUTE, 10);
  assert.equal(config.SERVICE_PUBLIC_URLS.weather, "http://127.0.0.1:3004");
  assert.equal(config.SERVICE_PUBLIC_URLS.dashboard, undefined);
});

test("public URLs: <NAME>_PUBLIC_URL, else <NAME>_URL (the suite's)", () => {
  const config = loadConfig({
    WEATHER_URL: "http://127.0.0.1:4004/",
    TOKENDEALER_PUBLIC_URL: "https://auth.example.com/",
  });
  assert.equal(config.SERVICE_PUBLIC_URLS.weather, "http://127.0.0.1:4004");
  assert.equal(config.SERVICE_PUBLIC_URLS.tokendealer, "https://auth.example.com");
  assert.equal(loadConfig({ WEATHER_URL: "not a url" }).SERVICE_PUBLIC_URLS.weather, "http://127.0.0.1:3004");
});

test("bad values are all reported at once", () => {
  assert.throws(
    () =>
      loadConfig({
        PORT: "70000",
        DATASERVICE_URL: "ftp://example.org",
        RATE_LIMIT_LOGIN_PER_MINUTE: "0",
        DASHBOARD_PUBLIC_URL: "jeeves",
        WEATHER_PUBLIC_URL: "nowhere",
      }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(
        error.problems.map((problem) => problem.split("=")[0]),
        ["PORT", "DATASERVICE_URL", "DASHBOARD_PUBLIC_URL", "RATE_LIMIT_LOGIN_PER_MINUTE", "WEATHER_PUBLIC_URL"],
      );
      return true;
    },
  );
});

test("the client secret comes from DASHBOARD_CLIENT_SECRET or its file; neither is a ConfigError naming them", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "dashboard-config-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, "dashboard.secret");
  assert.throws(
    () => appOptionsFromConfig(loadConfig({ DASHBOARD_CLIENT_SECRET_FILE: file })),
    (error: unknown) => error instanceof ConfigError && /DASHBOARD_CLIENT_SECRET/.test(error.message),
  );
  writeFileSync(file, "from-the-file\n");
  const options = appOptionsFromConfig(
    loadConfig({
      DASHBOARD_CLIENT_SECRET_FILE: file,
      DASHBOARD_PUBLIC_URL: "https://jeeves.example.com",
      SLACKBOT_PUBLIC_URL: "https://slack.example.com/",
    }),
  );
  assert.equal(options.secureCookie, true);
  assert.equal(options.links.installUrl, "https://slack.example.com/slack/install");
  assert.equal(
    options.links.services.find((link) => link.name === "dashboard")?.docs_url,
    "https://jeeves.example.com/docs",
  );
  const local = appOptionsFromConfig(
    loadConfig({ DASHBOARD_CLIENT_SECRET: "s", SLACKBOT_URL: "http://127.0.0.1:4002/" }),
  );
  assert.equal(local.secureCookie, false);
  assert.equal(local.links.installUrl, "http://127.0.0.1:4002/slack/install");
});
