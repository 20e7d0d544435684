import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { adminPasswordFile, keepGeneratedPassword, prepareAdminLogin } from "../src/admin-login.ts";

async function dataRoot(t: { after(fn: () => Promise<void>): void }) {
  const root = await mkdtemp(join(tmpdir(), "jeeves-admin-"));
  t.after(() => rm(root, { recursive: true, force: true }));
  return root;
}

test("a fresh data folder gets a random admin password in <data>/secrets/admin-password (600), passed as JEEVES_ADMIN_PASSWORD_FILE", async (t) => {
  const root = await dataRoot(t);
  const { login, dataserviceEnv } = await prepareAdminLogin(root, {});
  const file = adminPasswordFile(root);
  assert.deepEqual(login, { email: "admin@jeeves.local", password: { from: "file", file } });
  const password = (await readFile(file, "utf8")).trim();
  assert.match(password, /^[A-Za-z0-9_-]{32}$/);
  assert.equal((await stat(file)).mode & 0o777, 0o600);
  assert.deepEqual(dataserviceEnv, { JEEVES_ADMIN_EMAIL: "admin@jeeves.local", JEEVES_ADMIN_PASSWORD_FILE: file });
  // The next start keeps it.
  await mkdir(join(root, "dataservice"));
  const again = await prepareAdminLogin(root, {});
  assert.equal(again.dataserviceEnv.JEEVES_ADMIN_PASSWORD_FILE, file);
  assert.equal((await readFile(file, "utf8")).trim(), password);
});

test("JEEVES_ADMIN_PASSWORD chooses it (no file); JEEVES_ADMIN_EMAIL the email", async (t) => {
  const root = await dataRoot(t);
  const { login, dataserviceEnv } = await prepareAdminLogin(root, {
    JEEVES_ADMIN_PASSWORD: "chosen-password",
    JEEVES_ADMIN_EMAIL: "butler@example.com",
  });
  assert.deepEqual(login, { email: "butler@example.com", password: { from: "variable" } });
  assert.deepEqual(dataserviceEnv, {
    JEEVES_ADMIN_EMAIL: "butler@example.com",
    JEEVES_ADMIN_PASSWORD: "chosen-password",
  });
  await assert.rejects(stat(adminPasswordFile(root)));
});

test("a data folder of an earlier start without the file keeps its admin; a password the dataservice made is kept in the file", async (t) => {
  const root = await dataRoot(t);
  await mkdir(join(root, "dataservice"));
  const { login, dataserviceEnv } = await prepareAdminLogin(root, {});
  assert.deepEqual(login.password, { from: "earlier-start" });
  assert.equal(dataserviceEnv.JEEVES_ADMIN_PASSWORD_FILE, undefined);
  assert.equal(await keepGeneratedPassword(root, undefined), undefined);
  assert.deepEqual(await keepGeneratedPassword(root, "made-by-the-dataservice"), {
    from: "file",
    file: adminPasswordFile(root),
  });
  assert.equal((await readFile(adminPasswordFile(root), "utf8")).trim(), "made-by-the-dataservice");
  await writeFile(adminPasswordFile(root), "");
});
