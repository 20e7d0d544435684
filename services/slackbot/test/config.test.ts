import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError } from "@jeeves/service-kit";
import { DEFAULT_CLIENT_SECRET_FILE, DEFAULT_SIGNING_SECRET_FILE, loadConfig } from "../src/config.ts";
import { installFromConfig } from "../src/from-config.ts";

test("the embedded defaults: port 3002, Slack's API, the local dataservice and TokenDealer, files under data/", () => {
  const config = loadConfig({});
  assert.equal(config.PORT, 3002);
  assert.equal(config.SLACK_API_URL, "https://slack.com/api/");
  assert.equal(config.DATASERVICE_URL, "http://127.0.0.1:3001");
  assert.equal(config.TOKENDEALER_URL, "http://127.0.0.1:3000");
  assert.equal(config.SLACKBOT_CLIENT_ID, "slackbot");
  assert.equal(config.CHAT_REPLY_TIMEOUT_MS, 15_000);
  assert.equal(config.SLACK_SIGNING_SECRET, undefined);
  assert.match(DEFAULT_SIGNING_SECRET_FILE, /\/data\/slackbot\/signing-secret$/);
  assert.match(DEFAULT_CLIENT_SECRET_FILE, /\/data\/tokendealer\/secrets\/slackbot\.secret$/);
  assert.ok(!DEFAULT_SIGNING_SECRET_FILE.includes("/services/"), "at the repository root");
});

test("SLACK_API_URL gets its trailing slash; bad values are all reported, secrets never shown", () => {
  assert.equal(loadConfig({ SLACK_API_URL: "http://127.0.0.1:4010/api" }).SLACK_API_URL, "http://127.0.0.1:4010/api/");
  assert.throws(
    () =>
      loadConfig({ PORT: "http", SLACK_API_URL: "ftp://x", CHAT_REPLY_TIMEOUT_MS: "0", SLACK_SIGNING_SECRET: "abc" }),
    (error: unknown) => error instanceof ConfigError && error.problems.length === 3 && !error.message.includes("abc"),
  );
});

test("the Slack install variables: off by default, public URL 127.0.0.1:3002, Slack's authorize page", () => {
  const config = loadConfig({});
  assert.equal(config.SLACK_CLIENT_ID, undefined);
  assert.equal(config.SLACK_CLIENT_SECRET, undefined);
  assert.equal(config.SLACK_STATE_SECRET, undefined);
  assert.equal(config.SLACK_REDIRECT_URI, undefined);
  assert.equal(config.SLACKBOT_PUBLIC_URL, "http://127.0.0.1:3002");
  assert.equal(config.SLACK_OAUTH_AUTHORIZE_URL, "https://slack.com/oauth/v2/authorize");
  assert.equal(installFromConfig(config), undefined);
});

test("installFromConfig: the redirect URI defaults to <SLACKBOT_PUBLIC_URL>/slack/oauth/callback", () => {
  const install = installFromConfig(
    loadConfig({
      SLACK_CLIENT_ID: "1234567890.1234567890123",
      SLACK_CLIENT_SECRET: "client-secret",
      SLACKBOT_PUBLIC_URL: "https://jeeves.example.org/",
    }),
  );
  assert.deepEqual(install, {
    clientId: "1234567890.1234567890123",
    clientSecret: "client-secret",
    redirectUri: "https://jeeves.example.org/slack/oauth/callback",
    authorizeUrl: "https://slack.com/oauth/v2/authorize",
    secureCookie: true,
  });
  const configured = installFromConfig(
    loadConfig({
      SLACK_CLIENT_ID: "c",
      SLACK_CLIENT_SECRET: "s",
      SLACK_REDIRECT_URI: "https://elsewhere.example.org/cb",
      SLACK_STATE_SECRET: "state-secret",
      SLACK_OAUTH_AUTHORIZE_URL: "http://127.0.0.1:4010/oauth/v2/authorize",
    }),
  );
  assert.equal(configured?.redirectUri, "https://elsewhere.example.org/cb");
  assert.equal(configured?.stateSecret, "state-secret");
  assert.equal(configured?.authorizeUrl, "http://127.0.0.1:4010/oauth/v2/authorize");
  assert.equal(configured?.secureCookie, false, "the install cookie is Secure only when SLACKBOT_PUBLIC_URL is https");
});

test("installFromConfig refuses a client id without its secret, and the reverse, naming the missing one", () => {
  assert.throws(
    () => installFromConfig(loadConfig({ SLACK_CLIENT_ID: "c" })),
    (error: unknown) => error instanceof ConfigError && /SLACK_CLIENT_SECRET is required/.test(error.message),
  );
  assert.throws(
    () => installFromConfig(loadConfig({ SLACK_CLIENT_SECRET: "hush-hush" })),
    (error: unknown) =>
      error instanceof ConfigError &&
      /SLACK_CLIENT_ID is required/.test(error.message) &&
      !error.message.includes("hush-hush"),
  );
});

test("bad install URLs are all reported", () => {
  assert.throws(
    () =>
      loadConfig({
        SLACKBOT_PUBLIC_URL: "jeeves.example.org",
        SLACK_REDIRECT_URI: "ftp://x",
        SLACK_OAUTH_AUTHORIZE_URL: "nowhere",
      }),
    (error: unknown) =>
      error instanceof ConfigError &&
      ["SLACKBOT_PUBLIC_URL", "SLACK_REDIRECT_URI", "SLACK_OAUTH_AUTHORIZE_URL"].every((name) =>
        error.problems.some((problem) => problem.startsWith(name)),
      ),
  );
});

test("REDIS_URL and the rate limits: defaults, values, and what is refused", () => {
  const defaults = loadConfig({});
  assert.equal(defaults.REDIS_URL, undefined);
  assert.equal(defaults.RATE_LIMIT_SLACK_EVENTS_PER_MINUTE, 1200);
  assert.equal(defaults.RATE_LIMIT_CHAT_PER_MINUTE, 120);
  const set = loadConfig({
    REDIS_URL: "redis://127.0.0.1:6379/1",
    RATE_LIMIT_SLACK_EVENTS_PER_MINUTE: "50",
    RATE_LIMIT_CHAT_PER_MINUTE: "5",
  });
  assert.equal(set.REDIS_URL, "redis://127.0.0.1:6379/1");
  assert.equal(set.RATE_LIMIT_SLACK_EVENTS_PER_MINUTE, 50);
  assert.equal(set.RATE_LIMIT_CHAT_PER_MINUTE, 5);
  assert.throws(
    () =>
      loadConfig({ REDIS_URL: "amqp://x", RATE_LIMIT_SLACK_EVENTS_PER_MINUTE: "0", RATE_LIMIT_CHAT_PER_MINUTE: "x" }),
    (error: unknown) =>
      error instanceof ConfigError &&
      error.problems.length === 3 &&
      error.problems[0] === "REDIS_URL=(secret): must be a redis or rediss URL",
  );
});

test("SLACKBOT_PUBLIC_URL loses its trailing slashes", () => {
  assert.equal(
    loadConfig({ SLACKBOT_PUBLIC_URL: "https://jeeves.example.org//" }).SLACKBOT_PUBLIC_URL,
    "https://jeeves.example.org",
  );
});
