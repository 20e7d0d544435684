import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { assertStartupFailure, occupyPort, postgresReachable, runEntryPoint } from "@jeeves/testing";

const cwd = fileURLToPath(new URL("../", import.meta.url));
const LOCAL_PG = "postgres://postgres@127.0.0.1:5432/test";

/** `npm start` of the dataservice with a fresh data folder and short start-up retries. */
async function start(t: { after(fn: () => Promise<void>): void }, env: Record<string, string>) {
  const dataDir = await mkdtemp(join(tmpdir(), "dataservice-start-"));
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  return runEntryPoint("src/server.ts", {
    cwd,
    env: {
      DATA_DIR: dataDir,
      PORT: "0",
      DATABASE_URL: "",
      LOG_LEVEL: "info",
      STARTUP_CONNECT_ATTEMPTS: "2",
      STARTUP_CONNECT_DELAY_MS: "10",
      ...env,
    },
  });
}

describe("the dataservice's start-up mistakes end in one line naming the variable, exit 1, no stack", () => {
  test("DATABASE_URL where nothing listens: a line per attempt, then the URL without its password", async (t) => {
    const run = await start(t, { DATABASE_URL: "postgres://u:secret@127.0.0.1:1/x" });
    const last = assertStartupFailure(run, { name: "dataservice", variable: "DATABASE_URL", secrets: ["secret"] });
    assert.match(
      last,
      /^dataservice: DATABASE_URL: cannot connect to postgres:\/\/u:\[redacted\]@127\.0\.0\.1:1\/x \(ECONNREFUSED\) after 2 attempts in [\d.]+ s$/,
    );
    assert.match(run.stdout, /"variable":"DATABASE_URL","attempt":1,"attempts":2/);
    assert.match(run.stdout, /"variable":"DATABASE_URL","attempt":2,"attempts":2/);
  });

  test("DATABASE_URL with a user PostgreSQL refuses: at once, without retrying", async (t) => {
    if (!(await postgresReachable(LOCAL_PG))) {
      if (process.env.CI === "true") assert.fail(`PostgreSQL not reachable at ${LOCAL_PG} (required when CI=true)`);
      t.skip(`PostgreSQL not reachable at ${LOCAL_PG}`);
      return;
    }
    const run = await start(t, {
      DATABASE_URL: "postgres://jeeves_nobody:wrong-pw@127.0.0.1:5432/test",
      STARTUP_CONNECT_ATTEMPTS: "5",
      STARTUP_CONNECT_DELAY_MS: "60000",
    });
    const last = assertStartupFailure(run, { name: "dataservice", variable: "DATABASE_URL", secrets: ["wrong-pw"] });
    assert.match(last, /postgres:\/\/jeeves_nobody:\[redacted\]@127\.0\.0\.1:5432\/test: .+ \((?:28P01|28000)\)$/);
    assert.doesNotMatch(run.stdout, /attempt 1 of 5/, "a wrong password is not retried");
  });

  test("PORT already in use", async (t) => {
    const held = await occupyPort();
    t.after(() => held.close());
    const run = await start(t, { PORT: String(held.port) });
    const last = assertStartupFailure(run, { name: "dataservice", variable: "PORT" });
    assert.equal(
      last,
      `dataservice: PORT=${held.port}: 127.0.0.1:${held.port} is already in use (set PORT to a free port)`,
    );
    assert.match(run.stderr, /first start\. Log in as admin@jeeves\.local/, "the admin's first password is not lost");
  });

  test("JEEVES_ADMIN_PASSWORD shorter than 8 characters: stops before anything, never showing it", async (t) => {
    const run = await start(t, { JEEVES_ADMIN_PASSWORD: "short7!" });
    const last = assertStartupFailure(run, {
      name: "dataservice",
      variable: "JEEVES_ADMIN_PASSWORD",
      secrets: ["short7!"],
    });
    assert.equal(
      last,
      "dataservice: invalid configuration: JEEVES_ADMIN_PASSWORD=(secret): must be 8 to 200 characters",
    );
  });

  test("LOG_LEVEL=verbose", async (t) => {
    const run = await start(t, { LOG_LEVEL: "verbose" });
    const last = assertStartupFailure(run, { name: "dataservice", variable: "LOG_LEVEL" });
    assert.equal(
      last,
      'dataservice: invalid configuration: LOG_LEVEL="verbose": must be one of fatal, error, warn, info, debug, trace, silent',
    );
  });
});
