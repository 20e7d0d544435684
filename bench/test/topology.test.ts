import assert from "node:assert/strict";
import { test } from "node:test";
import { cleanEnv } from "../src/topology.ts";

test("cleanEnv drops the suite's variables and npm's own, keeps the rest, then adds the extra ones", () => {
  const env = cleanEnv(
    {
      PATH: "/usr/bin",
      HOME: "/home/x",
      DATABASE_URL: "postgres://x",
      BUS_URL: "amqp://x",
      JEEVES_DATA_DIR: "/data",
      DATASERVICE_PORT: "3001",
      SLACK_API_URL: "http://slack",
      npm_lifecycle_event: "bench",
      NODE_OPTIONS: "--inspect",
    },
    { LOG_LEVEL: "warn", JEEVES_DATA_DIR: "/tmp/bench", SKIPPED: undefined },
  );
  assert.deepEqual(env, { PATH: "/usr/bin", HOME: "/home/x", LOG_LEVEL: "warn", JEEVES_DATA_DIR: "/tmp/bench" });
});
