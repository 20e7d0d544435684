import assert from "node:assert/strict";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import { decodeProtectedHeader } from "jose";
import { addClient, basic, build, issue, postForm, tempDir } from "./helper.ts";

test("a first start writes keys.json, clients.yaml and the default secrets (mode 600); the registry holds only hashes", async (t) => {
  const dataDir = await tempDir(t);
  await build(t, { dataDir });
  assert.deepEqual((await readdir(dataDir)).sort(), ["clients.yaml", "keys.json", "secrets"]);
  assert.deepEqual((await readdir(join(dataDir, "secrets"))).sort(), [
    "actions.secret",
    "dashboard.secret",
    "jeeves-admin.secret",
    "scheduler.secret",
    "slackbot.secret",
  ]);
  const registry = await readFile(join(dataDir, "clients.yaml"), "utf8");
  for (const name of await readdir(join(dataDir, "secrets"))) {
    const file = join(dataDir, "secrets", name);
    assert.equal((await stat(file)).mode & 0o777, 0o600, name);
    assert.equal(registry.includes((await readFile(file, "utf8")).trim()), false, name);
  }
  for (const name of ["clients.yaml", "keys.json"]) assert.equal((await stat(join(dataDir, name))).mode & 0o777, 0o600);
});

test("keys and clients persist across a rebuild from the same data folder", async (t) => {
  const dataDir = await tempDir(t);
  const first = await build(t, { dataDir });
  const client = await addClient(first);
  const rotated = await first.keys.rotate("ES256");
  const token = await issue(first, client);
  assert.equal(decodeProtectedHeader(token).kid, rotated);
  const jwks = (await first.inject({ method: "GET", url: "/.well-known/jwks.json" })).json();
  await first.close();

  const second = await build(t, { dataDir });
  assert.deepEqual((await second.inject({ method: "GET", url: "/.well-known/jwks.json" })).json(), jwks);
  assert.equal(second.keys.signingKey()?.kid, rotated);
  const introspection = await postForm(
    second,
    "/oauth/introspect",
    { token },
    {
      authorization: basic(client.id, client.secret),
    },
  );
  assert.equal(introspection.json().active, true, "a token of the first run is active in the second");
  assert.equal(decodeProtectedHeader(await issue(second, client)).kid, rotated);
});

test("a client added by another process (the CLI) is accepted without a restart", async (t) => {
  const dataDir = await tempDir(t);
  const app = await build(t, { dataDir });
  const { openClientRegistry } = await import("../src/adapters/client-registry.ts");
  const other = await openClientRegistry({ file: join(dataDir, "clients.yaml"), secretsDir: join(dataDir, "secrets") });
  const late = await other.registry.addClient("late", ["users:read"], ["dataservice"]);
  assert.ok(await issue(app, late));
});
