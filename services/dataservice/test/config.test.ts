import assert from "node:assert/strict";
import { test } from "node:test";
import type { ConfigError } from "@jeeves/service-kit";
import { loadConfig } from "../src/config.ts";

test("REDIS_URL and RATE_LIMIT_VERIFY_PASSWORD_PER_MINUTE: defaults, values, and what is refused", () => {
  const defaults = loadConfig({});
  assert.equal(defaults.REDIS_URL, undefined);
  assert.equal(defaults.RATE_LIMIT_VERIFY_PASSWORD_PER_MINUTE, 20);
  const set = loadConfig({ REDIS_URL: "rediss://cache.example.org:6380", RATE_LIMIT_VERIFY_PASSWORD_PER_MINUTE: "5" });
  assert.equal(set.REDIS_URL, "rediss://cache.example.org:6380");
  assert.equal(set.RATE_LIMIT_VERIFY_PASSWORD_PER_MINUTE, 5);
  assert.throws(
    () => loadConfig({ REDIS_URL: "postgres://db", RATE_LIMIT_VERIFY_PASSWORD_PER_MINUTE: "-1" }),
    (error: ConfigError) => {
      assert.deepEqual(error.problems, [
        "REDIS_URL=(secret): must be a redis or rediss URL",
        'RATE_LIMIT_VERIFY_PASSWORD_PER_MINUTE="-1": must be a positive whole number',
      ]);
      return true;
    },
  );
});
