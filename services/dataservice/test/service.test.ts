import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { loadConfig } from "../src/config.ts";
import { adminNotice, prepareDataservice } from "../src/service.ts";

const PASSWORD = "a-configured-password";

test("a start with a configured admin password creates the admin once and logs one line naming only the email", async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), "dataservice-service-"));
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  const config = loadConfig({
    DATA_DIR: dataDir,
    JEEVES_ADMIN_EMAIL: "butler@example.com",
    JEEVES_ADMIN_PASSWORD: PASSWORD,
  });
  const startOnce = async () => {
    const lines: string[] = [];
    const stream = { write: (line: string) => lines.push(line) };
    const { app, admin } = await prepareDataservice(config, { logger: { level: "info", stream } });
    await app.close();
    return { admin, log: lines.join("") };
  };
  const first = await startOnce();
  assert.deepEqual(first.admin, { email: "butler@example.com" });
  assert.equal(first.log.match(/created the admin user/g)?.length, 1);
  assert.match(first.log, /"email":"butler@example\.com"[^\n]*created the admin user/);
  assert.equal(first.log.includes(PASSWORD), false, "never the password");
  const notice = adminNotice(first.admin ?? { email: "" });
  assert.match(notice, /created the admin butler@example\.com/);
  assert.equal(notice.includes(PASSWORD), false);

  const second = await startOnce();
  assert.equal(second.admin, undefined, "the admin exists: nothing created");
  assert.doesNotMatch(second.log, /created the admin user/);
});

test("a first start without a password shows the generated one on the terminal notice, never in the log", async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), "dataservice-service-"));
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  const lines: string[] = [];
  const stream = { write: (line: string) => lines.push(line) };
  const { app, admin } = await prepareDataservice(loadConfig({ DATA_DIR: dataDir }), {
    logger: { level: "info", stream },
  });
  await app.close();
  const password = admin?.generatedPassword ?? "";
  assert.ok(password.length >= 16);
  assert.match(adminNotice(admin ?? { email: "" }), /first start\. Log in as admin@jeeves\.local with password \S+/);
  assert.match(lines.join(""), /created the admin user/);
  assert.equal(lines.join("").includes(password), false);
});
