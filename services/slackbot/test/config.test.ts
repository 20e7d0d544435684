import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError } from "@jeeves/service-kit";
import { DEFAULT_CLIENT_SECRET_FILE, DEFAULT_SIGNING_SECRET_FILE, loadConfig } from "../src/config.ts";

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
