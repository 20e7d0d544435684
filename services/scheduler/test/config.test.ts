import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ConfigError } from "@jeeves/service-kit";
import { clientSecretFile, DEFAULT_SECRETS_DIR, loadConfig, readClientSecret } from "../src/config.ts";

describe("config", () => {
  it("has the embedded defaults", () => {
    const config = loadConfig({});
    assert.deepEqual(config, {
      PORT: 3005,
      HOST: "127.0.0.1",
      BUS_URL: undefined,
      BUS_EXCHANGE: "jeeves",
      BUS_QUEUE_PREFIX: "",
      BUS_FAULT_CRASH_BEFORE_ACK_FILE: undefined,
      DATASERVICE_URL: "http://127.0.0.1:3001",
      WEATHER_URL: "http://127.0.0.1:3004",
      TOKENDEALER_URL: "http://127.0.0.1:3000",
      SCHEDULER_CLIENT_ID: "scheduler",
      SCHEDULER_CLIENT_SECRET: undefined,
      SCHEDULER_CLIENT_SECRET_FILE: undefined,
      SCHEDULER_TICK_MS: 30_000,
      LOG_LEVEL: "info",
      STARTUP_CONNECT_ATTEMPTS: 5,
      STARTUP_CONNECT_DELAY_MS: 500,
      FLAGS_FILE: undefined,
    });
    assert.equal(clientSecretFile(config), join(DEFAULT_SECRETS_DIR, "scheduler.secret"));
    assert.match(DEFAULT_SECRETS_DIR, /data\/tokendealer\/secrets\/$/);
  });

  it("reads the tick, and refuses one below 100 ms or not in whole milliseconds", () => {
    assert.equal(loadConfig({ SCHEDULER_TICK_MS: "1000" }).SCHEDULER_TICK_MS, 1000);
    for (const value of ["99", "0", "1.5", "30s", "-1"]) {
      assert.throws(() => loadConfig({ SCHEDULER_TICK_MS: value }), ConfigError, value);
    }
  });

  it("lists every bad variable at once and never shows the bus URL (it may hold a password)", () => {
    assert.throws(
      () => loadConfig({ PORT: "x", BUS_URL: "redis://guest:hunter2@host", WEATHER_URL: "ftp://x" }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.problems.length, 3);
        assert.doesNotMatch(error.message, /hunter2/);
        return true;
      },
    );
  });

  it("reads the client secret from SCHEDULER_CLIENT_SECRET, else from the secret file", async (t) => {
    const dir = await mkdtemp(join(tmpdir(), "scheduler-config-"));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, "scheduler.secret");
    await writeFile(file, "from-the-file\n");
    assert.equal(readClientSecret(loadConfig({ SCHEDULER_CLIENT_SECRET_FILE: file })), "from-the-file");
    assert.equal(
      readClientSecret(loadConfig({ SCHEDULER_CLIENT_SECRET: "from-env", SCHEDULER_CLIENT_SECRET_FILE: file })),
      "from-env",
    );
    assert.equal(
      clientSecretFile(loadConfig({ SCHEDULER_CLIENT_ID: "scheduler-2" })),
      join(DEFAULT_SECRETS_DIR, "scheduler-2.secret"),
    );
  });

  it("fails fast, saying to start the TokenDealer once, when there is no secret", async (t) => {
    const dir = await mkdtemp(join(tmpdir(), "scheduler-config-"));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const empty = join(dir, "empty.secret");
    await writeFile(empty, "\n");
    for (const file of [join(dir, "missing.secret"), empty]) {
      assert.throws(
        () => readClientSecret(loadConfig({ SCHEDULER_CLIENT_SECRET_FILE: file })),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.match(error.message, /Start the TokenDealer once/);
          assert.ok(error.message.includes(file));
          return true;
        },
      );
    }
    assert.throws(
      () => readClientSecret(loadConfig({ SCHEDULER_CLIENT_SECRET_FILE: dir })),
      /cannot be read \(EISDIR\)/,
    );
  });
});
