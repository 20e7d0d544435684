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
    assert.equal(config.PORT, 3003);
    assert.equal(config.HOST, "127.0.0.1");
    assert.equal(config.BUS_URL, undefined);
    assert.equal(config.DATASERVICE_URL, "http://127.0.0.1:3001");
    assert.equal(config.TOKENDEALER_URL, "http://127.0.0.1:3000");
    assert.equal(config.ACTIONS_CLIENT_ID, "actions");
    assert.equal(clientSecretFile(config), join(DEFAULT_SECRETS_DIR, "actions.secret"));
    assert.match(DEFAULT_SECRETS_DIR, /data\/tokendealer\/secrets\/$/);
    assert.equal(config.ACTIONS_MAX_ATTEMPTS, 5);
    assert.equal(config.ACTIONS_RETRY_DELAY_MS, 5000);
    assert.equal(config.REDIS_URL, undefined);
    assert.equal(config.REDIS_KEY_PREFIX, "jeeves:");
  });

  it("reads REDIS_URL and REDIS_KEY_PREFIX, and refuses another scheme without showing the URL", () => {
    const config = loadConfig({ REDIS_URL: "redis://:pw@cache:6379/1", REDIS_KEY_PREFIX: "staging:" });
    assert.deepEqual([config.REDIS_URL, config.REDIS_KEY_PREFIX], ["redis://:pw@cache:6379/1", "staging:"]);
    assert.throws(
      () => loadConfig({ REDIS_URL: "http://:hunter2@cache:6379", REDIS_KEY_PREFIX: "a b" }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.problems, [
          "REDIS_URL=(secret): must be a redis or rediss URL",
          'REDIS_KEY_PREFIX="a b": must be 1 to 64 letters, digits, _, -, . or :',
        ]);
        return true;
      },
    );
  });

  it("reads the retry policy, and refuses attempts below 1 or a delay that is not whole milliseconds", () => {
    const config = loadConfig({ ACTIONS_MAX_ATTEMPTS: "3", ACTIONS_RETRY_DELAY_MS: "0" });
    assert.deepEqual([config.ACTIONS_MAX_ATTEMPTS, config.ACTIONS_RETRY_DELAY_MS], [3, 0]);
    assert.throws(
      () => loadConfig({ ACTIONS_MAX_ATTEMPTS: "0", ACTIONS_RETRY_DELAY_MS: "1.5" }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.problems.length, 2);
        return true;
      },
    );
  });

  it("lists every bad variable at once and never shows the bus URL (it may hold a password)", () => {
    assert.throws(
      () => loadConfig({ PORT: "x", BUS_URL: "redis://guest:hunter2@host", DATASERVICE_URL: "ftp://x" }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.problems.length, 3);
        assert.doesNotMatch(error.message, /hunter2/);
        return true;
      },
    );
    assert.equal(
      loadConfig({ BUS_URL: "amqp://guest:guest@127.0.0.1:5672" }).BUS_URL,
      "amqp://guest:guest@127.0.0.1:5672",
    );
  });

  it("reads the client secret from ACTIONS_CLIENT_SECRET, else from the secret file", async (t) => {
    const dir = await mkdtemp(join(tmpdir(), "actions-config-"));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, "actions.secret");
    await writeFile(file, "from-the-file\n");
    assert.equal(readClientSecret(loadConfig({ ACTIONS_CLIENT_SECRET_FILE: file })), "from-the-file");
    assert.equal(
      readClientSecret(loadConfig({ ACTIONS_CLIENT_SECRET: "from-env", ACTIONS_CLIENT_SECRET_FILE: file })),
      "from-env",
    );
    const other = loadConfig({ ACTIONS_CLIENT_ID: "actions-2" });
    assert.equal(clientSecretFile(other), join(DEFAULT_SECRETS_DIR, "actions-2.secret"));
  });

  it("fails fast, saying to start the TokenDealer once, when there is no secret", async (t) => {
    const dir = await mkdtemp(join(tmpdir(), "actions-config-"));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const empty = join(dir, "empty.secret");
    await writeFile(empty, "\n");
    for (const file of [join(dir, "missing.secret"), empty]) {
      assert.throws(
        () => readClientSecret(loadConfig({ ACTIONS_CLIENT_SECRET_FILE: file })),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.match(error.message, /Start the TokenDealer once/);
          assert.ok(error.message.includes(file));
          return true;
        },
      );
    }
  });
});
