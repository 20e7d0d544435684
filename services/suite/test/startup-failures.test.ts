import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { assertStartupFailure, occupyPort, runEntryPoint } from "@jeeves/testing";
import { portVariable, SERVICES } from "../src/layout.ts";

const cwd = fileURLToPath(new URL("../", import.meta.url));

/** The data folder of the last {@link start}. */
let lastDataRoot = "";

/** `npm start` (src/main.ts) on free ports and a fresh data folder, with short start-up retries. */
async function start(t: { after(fn: () => Promise<void>): void }, env: Record<string, string>) {
  const dataRoot = await mkdtemp(join(tmpdir(), "jeeves-start-"));
  t.after(() => rm(dataRoot, { recursive: true, force: true }));
  lastDataRoot = dataRoot;
  return runEntryPoint("src/main.ts", {
    cwd,
    env: {
      JEEVES_DATA_DIR: `${dataRoot}/`,
      ...Object.fromEntries(SERVICES.map((name) => [portVariable(name), "0"])),
      OPENWEATHER_MOCK_PORT: "0",
      OPENWEATHER_API_KEY: "",
      BUS_URL: "",
      DATABASE_URL: "",
      LOG_LEVEL: "warn",
      STARTUP_CONNECT_ATTEMPTS: "2",
      STARTUP_CONNECT_DELAY_MS: "10",
      ...env,
    },
  });
}

describe("npm start's mistakes end in one line naming the variable, exit 1, no stack trace", () => {
  test("a service's port already in use names the suite's variable for it", async (t) => {
    const held = await occupyPort();
    t.after(() => held.close());
    const run = await start(t, { DATASERVICE_PORT: String(held.port) });
    const last = assertStartupFailure(run, { name: "jeeves", variable: "DATASERVICE_PORT" });
    assert.equal(
      last,
      `jeeves: DATASERVICE_PORT=${held.port}: 127.0.0.1:${held.port} is already in use (set DATASERVICE_PORT to a free port)`,
    );
    // The admin's password was made before anything could fail, in a file, and is never printed.
    const password = (await readFile(join(lastDataRoot, "secrets", "admin-password"), "utf8")).trim();
    assert.ok(password.length >= 24);
    assert.ok(!`${run.stdout}${run.stderr}`.includes(password));
  });

  test("the demo OpenWeatherMap mock's port already in use names OPENWEATHER_MOCK_PORT", async (t) => {
    const held = await occupyPort();
    t.after(() => held.close());
    const run = await start(t, { OPENWEATHER_MOCK_PORT: String(held.port) });
    const last = assertStartupFailure(run, { name: "jeeves", variable: "OPENWEATHER_MOCK_PORT" });
    assert.equal(
      last,
      `jeeves: OPENWEATHER_MOCK_PORT=${held.port}: 127.0.0.1:${held.port} is already in use (set OPENWEATHER_MOCK_PORT to a free port)`,
    );
  });

  test("a BUS_URL where no broker listens", async (t) => {
    const run = await start(t, { BUS_URL: "amqp://guest:bus-secret@127.0.0.1:1" });
    const last = assertStartupFailure(run, { name: "jeeves", variable: "BUS_URL", secrets: ["bus-secret"] });
    assert.match(
      last,
      /cannot connect to amqp:\/\/guest:\[redacted\]@127\.0\.0\.1:1 \(ECONNREFUSED\) after 2 attempts/,
    );
  });

  test("a DATABASE_URL where no PostgreSQL listens", async (t) => {
    const run = await start(t, { DATABASE_URL: "postgres://jeeves:db-secret@127.0.0.1:1/jeeves" });
    const last = assertStartupFailure(run, { name: "jeeves", variable: "DATABASE_URL", secrets: ["db-secret"] });
    assert.match(
      last,
      /cannot connect to postgres:\/\/jeeves:\[redacted\]@127\.0\.0\.1:1\/jeeves \(ECONNREFUSED\) after 2 attempts/,
    );
  });

  test("LOG_LEVEL=verbose", async (t) => {
    const run = await start(t, { LOG_LEVEL: "verbose" });
    const last = assertStartupFailure(run, { name: "jeeves", variable: "LOG_LEVEL" });
    assert.match(last, /LOG_LEVEL="verbose": must be one of fatal, error, warn, info, debug, trace, silent$/);
  });
});
