import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { assertBusUrlStartupFailure, assertRedisUrlStartupFailure } from "@jeeves/testing";

test("a BUS_URL where no broker listens: a line per attempt, then one line naming BUS_URL (no password), exit 1", () =>
  assertBusUrlStartupFailure("slackbot", fileURLToPath(new URL("../", import.meta.url))));

test("a REDIS_URL where nothing answers: one line naming REDIS_URL (no password), exit 1", () =>
  assertRedisUrlStartupFailure("slackbot", fileURLToPath(new URL("../", import.meta.url)), {
    SLACKBOT_CLIENT_SECRET: "not-used",
    SLACK_SIGNING_SECRET: "not-used",
  }));
