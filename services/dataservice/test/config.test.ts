import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

test("the admin: JEEVES_ADMIN_EMAIL, and its password from JEEVES_ADMIN_PASSWORD or JEEVES_ADMIN_PASSWORD_FILE, one of them", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "dataservice-config-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, "admin-password");
  await writeFile(file, "from the file, spaces kept \r\n\n");
  const defaults = loadConfig({});
  assert.equal(defaults.JEEVES_ADMIN_EMAIL, "admin@jeeves.local");
  assert.equal(defaults.JEEVES_ADMIN_PASSWORD, undefined);
  assert.equal(loadConfig({ JEEVES_ADMIN_PASSWORD: "12345678" }).JEEVES_ADMIN_PASSWORD, "12345678");
  assert.equal(loadConfig({ JEEVES_ADMIN_PASSWORD_FILE: file }).JEEVES_ADMIN_PASSWORD, "from the file, spaces kept ");
  assert.equal("JEEVES_ADMIN_PASSWORD_FILE" in loadConfig({ JEEVES_ADMIN_PASSWORD_FILE: file }), false);
  const short = join(dir, "short");
  await writeFile(short, "seven!!\n");
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (error) {
      return (error as ConfigError).problems;
    }
    return [];
  };
  assert.deepEqual(problems({ JEEVES_ADMIN_PASSWORD: "seven!!", JEEVES_ADMIN_EMAIL: "not an email" }), [
    'JEEVES_ADMIN_EMAIL="not an email": must be an email address',
    "JEEVES_ADMIN_PASSWORD=(secret): must be 8 to 200 characters",
  ]);
  assert.deepEqual(problems({ JEEVES_ADMIN_PASSWORD: "x".repeat(201) }), [
    "JEEVES_ADMIN_PASSWORD=(secret): must be 8 to 200 characters",
  ]);
  assert.deepEqual(problems({ JEEVES_ADMIN_PASSWORD_FILE: short }), [
    `JEEVES_ADMIN_PASSWORD_FILE=${JSON.stringify(short)}: the password in it must be 8 to 200 characters`,
  ]);
  assert.deepEqual(problems({ JEEVES_ADMIN_PASSWORD_FILE: join(dir, "missing") }), [
    `JEEVES_ADMIN_PASSWORD_FILE=${JSON.stringify(join(dir, "missing"))}: cannot be read (ENOENT)`,
  ]);
  assert.deepEqual(problems({ JEEVES_ADMIN_PASSWORD: "12345678", JEEVES_ADMIN_PASSWORD_FILE: file }), [
    "JEEVES_ADMIN_PASSWORD and JEEVES_ADMIN_PASSWORD_FILE are both set: set one of them",
  ]);
  assert.equal(JSON.stringify(problems({ JEEVES_ADMIN_PASSWORD_FILE: short })).includes("seven"), false);
});
