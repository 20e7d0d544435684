import assert from "node:assert/strict";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { assertStartupFailure, runEntryPoint } from "@jeeves/testing";

const cwd = fileURLToPath(new URL("../", import.meta.url));

test("a BUS_URL where no broker listens: a line per attempt, then one line naming BUS_URL (no password), exit 1", async () => {
  const run = await runEntryPoint("src/server.ts", {
    cwd,
    env: {
      BUS_URL: "amqp://guest:secret-pw@127.0.0.1:1",
      PORT: "0",
      LOG_LEVEL: "info",
      STARTUP_CONNECT_ATTEMPTS: "2",
      STARTUP_CONNECT_DELAY_MS: "10",
    },
  });
  const last = assertStartupFailure(run, { name: "actions", variable: "BUS_URL", secrets: ["secret-pw"] });
  assert.match(
    last,
    /^actions: BUS_URL: cannot connect to amqp:\/\/guest:\[redacted\]@127\.0\.0\.1:1 \(ECONNREFUSED\) after 2 attempts in [\d.]+ s$/,
  );
  assert.match(run.stdout, /BUS_URL: cannot connect to .+ attempt 1 of 2, next in/);
  assert.match(run.stdout, /BUS_URL: cannot connect to .+ attempt 2 of 2, giving up/);
});
