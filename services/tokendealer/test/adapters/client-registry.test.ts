import assert from "node:assert/strict";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse, stringify } from "yaml";
import { openClientRegistry } from "../../src/adapters/client-registry.ts";
import { DEFAULT_CLIENTS, RETIRED_DEFAULT_CLIENTS } from "../../src/domain/default-clients.ts";
import { AUDIENCES, SCOPES } from "../../src/domain/suite-names.ts";
import { tempDir } from "../helper.ts";

async function fresh(t: Parameters<typeof tempDir>[0]) {
  const dir = await tempDir(t);
  const file = join(dir, "clients.yaml");
  const secretsDir = join(dir, "secrets");
  const messages: string[] = [];
  const log = {
    info: (fields: object, message: string) => messages.push(`${message} ${JSON.stringify(fields)}`),
    warn() {},
    error() {},
  };
  const { registry, created } = await openClientRegistry({ file, secretsDir, log });
  return { dir, file, secretsDir, registry, created, messages };
}

describe("client registry", () => {
  it("creates the default clients, writes each secret to a mode 600 file and keeps only hashes", async (t) => {
    const { file, secretsDir, registry, created, messages } = await fresh(t);
    assert.equal(created, true);
    assert.deepEqual(
      registry.list().map((client) => client.id),
      ["slackbot", "actions", "scheduler", "dashboard", "jeeves-admin"],
    );
    assert.deepEqual(registry.get("dashboard"), {
      id: "dashboard",
      scopes: ["users:read"],
      audiences: ["dataservice"],
      personScopes: { dataservice: ["users:read", "users:write", "workspaces:read"], slackbot: ["chat:write"] },
    });
    assert.deepEqual(registry.get("jeeves-admin"), {
      id: "jeeves-admin",
      scopes: [...SCOPES],
      audiences: [...AUDIENCES],
    });
    assert.deepEqual(registry.get("actions"), {
      id: "actions",
      scopes: ["users:read", "users:write", "weather:read"],
      audiences: ["dataservice", "weather"],
    });
    const yaml = await readFile(file, "utf8");
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.equal((await stat(secretsDir)).mode & 0o777, 0o700);
    for (const { id } of DEFAULT_CLIENTS) {
      const secretFile = join(secretsDir, `${id}.secret`);
      assert.equal((await stat(secretFile)).mode & 0o777, 0o600);
      const secret = (await readFile(secretFile, "utf8")).trim();
      assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
      assert.equal(yaml.includes(secret), false, "the registry never holds a secret");
      assert.deepEqual(await registry.authenticate(id, secret), registry.get(id));
      // Nothing logged names a secret.
      assert.equal(messages.join("\n").includes(secret), false);
    }
    for (const stored of parse(yaml).clients) assert.match(stored.secret_hash, /^scrypt\$/);
    assert.deepEqual(
      parse(yaml).default_clients,
      DEFAULT_CLIENTS.map((client) => client.id),
    );
    assert.match(messages.join("\n"), /secrets/);
  });

  it("adds a client with a fresh secret shown once, persisted as a hash across reopening", async (t) => {
    const { file, secretsDir, registry } = await fresh(t);
    const { id, secret } = await registry.addClient("weather-bot", ["weather:read", "weather:read"], ["weather"]);
    assert.equal(id, "weather-bot");
    assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
    assert.equal((await readFile(file, "utf8")).includes(secret), false);
    const reopened = await openClientRegistry({ file, secretsDir });
    assert.equal(reopened.created, false);
    assert.deepEqual(await reopened.registry.authenticate("weather-bot", secret), {
      id: "weather-bot",
      scopes: ["weather:read"],
      audiences: ["weather"],
    });
    assert.equal(await reopened.registry.authenticate("weather-bot", `${secret}x`), undefined);
    assert.equal(await reopened.registry.authenticate("nobody", secret), undefined);
  });

  it("refuses duplicate ids and malformed definitions", async (t) => {
    const { registry } = await fresh(t);
    await assert.rejects(registry.addClient("actions", ["users:read"], ["dataservice"]), {
      code: "TOKENDEALER_ERR_CLIENT_EXISTS",
    });
    for (const [id, scopes, audiences] of [
      ["Bad Id", ["users:read"], ["dataservice"]],
      ["ok", [], ["dataservice"]],
      ["ok", ['bad"scope'], ["dataservice"]],
      ["ok", ["users:read"], []],
      ["ok", ["users:read"], ["two words"]],
    ] as [string, string[], string[]][]) {
      await assert.rejects(registry.addClient(id, scopes, audiences), {
        code: "TOKENDEALER_ERR_INVALID_CLIENT_DEFINITION",
      });
    }
  });

  it("lists every scope of the registry in the documented order", async (t) => {
    const { registry } = await fresh(t);
    await registry.addClient("extra", ["zeta:read", "users:read"], ["dataservice"]);
    assert.deepEqual(registry.scopes(), [...SCOPES, "zeta:read"]);
  });

  it("picks up a client another process added on refresh", async (t) => {
    const { file, secretsDir, registry } = await fresh(t);
    const cli = (await openClientRegistry({ file, secretsDir })).registry;
    const { secret } = await cli.addClient("late", ["users:read"], ["dataservice"]);
    assert.equal(registry.get("late"), undefined);
    await registry.refresh();
    assert.ok(await registry.authenticate("late", secret));
  });

  it("reports a broken registry by name", async (t) => {
    const dir = await tempDir(t);
    const file = join(dir, "clients.yaml");
    await writeFile(file, "clients:\n  - id: a\n    secret_hash: plain\n    scopes: [x]\n    audiences: [y]\n");
    await assert.rejects(openClientRegistry({ file, secretsDir: join(dir, "secrets") }), {
      code: "TOKENDEALER_ERR_CLIENTS_FILE_INVALID",
    });
    await writeFile(file, "clients: [ {");
    await assert.rejects(openClientRegistry({ file, secretsDir: join(dir, "secrets") }), {
      code: "TOKENDEALER_ERR_CLIENTS_FILE_INVALID",
    });
  });

  it("gives users:admin to jeeves-admin only", async (t) => {
    const { registry } = await fresh(t);
    const holders = registry.list().filter((client) => client.scopes.includes("users:admin"));
    assert.deepEqual(
      holders.map((client) => client.id),
      ["jeeves-admin"],
    );
  });

  it("reconciles a registry an earlier version made: defaults narrowed, admin widened, the old dashboard redefined, others kept", async (t) => {
    const dir = await tempDir(t);
    const file = join(dir, "clients.yaml");
    const secretsDir = join(dir, "secrets");
    // An earlier version's first start: every default with its old scopes, plus one client of the operator's.
    const old = (await openClientRegistry({ file, secretsDir: join(dir, "unused") })).registry;
    const { secret: ownSecret } = await old.addClient("reports", ["users:read", "chat:write"], ["dataservice"]);
    const stored = parse(await readFile(file, "utf8")).clients as Array<Record<string, unknown>>;
    const before: Record<string, { scopes: string[]; audiences: string[] }> = {
      actions: {
        scopes: ["users:read", "users:write", "weather:read", "chat:write"],
        audiences: ["dataservice", "weather", "slackbot"],
      },
      slackbot: {
        scopes: [
          "users:read",
          "users:write",
          "workspaces:read",
          "workspaces:write",
          "workspaces:secrets",
          "chat:write",
        ],
        audiences: ["dataservice", "actions"],
      },
      scheduler: {
        scopes: ["users:read", "users:write", "weather:read", "chat:write"],
        audiences: ["dataservice", "weather", "slackbot"],
      },
      "jeeves-admin": {
        scopes: SCOPES.filter((scope) => scope !== "users:admin"),
        audiences: [...AUDIENCES],
      },
      // The dashboard default of the versions before any dashboard existed.
      dashboard: { ...RETIRED_DEFAULT_CLIENTS[0] },
    };
    const oldClients = stored.map(({ person_scopes: _none, ...client }) => ({
      ...client,
      ...before[client.id as string],
    }));
    // The earlier versions' file: no record of the defaults it was given.
    await writeFile(file, stringify({ clients: oldClients }));
    await mkdir(secretsDir, { recursive: true });
    await writeFile(join(secretsDir, "dashboard.secret"), "old\n");

    const messages: string[] = [];
    const log = { info: (_: object, message: string) => messages.push(message), warn() {}, error() {} };
    const { registry, created } = await openClientRegistry({ file, secretsDir, log });
    assert.equal(created, false);
    for (const definition of DEFAULT_CLIENTS) assert.deepEqual(registry.get(definition.id), definition);
    assert.deepEqual(registry.get("dashboard")?.personScopes, {
      dataservice: ["users:read", "users:write", "workspaces:read"],
      slackbot: ["chat:write"],
    });
    assert.equal(await readFile(join(secretsDir, "dashboard.secret"), "utf8"), "old\n", "its secret stays");
    assert.deepEqual(await registry.authenticate("reports", ownSecret), {
      id: "reports",
      scopes: ["users:read", "chat:write"],
      audiences: ["dataservice"],
    });
    assert.match(messages.join("\n"), /reconciled the default clients/);
    assert.deepEqual(
      parse(await readFile(file, "utf8")).default_clients.toSorted(),
      DEFAULT_CLIENTS.map((client) => client.id).toSorted(),
      "the registry records the defaults it was given",
    );
    // Persisted: a second open finds nothing to do.
    const again: string[] = [];
    const reopened = await openClientRegistry({
      file,
      secretsDir,
      log: { info: (_: object, message: string) => again.push(message), warn() {}, error() {} },
    });
    assert.deepEqual(
      reopened.registry.get("actions"),
      DEFAULT_CLIENTS.find((client) => client.id === "actions"),
    );
    assert.deepEqual(again, []);
  });

  it("adds a default new to a registry made before it (dashboard) with its secret file, once", async (t) => {
    const dir = await tempDir(t);
    const file = join(dir, "clients.yaml");
    const secretsDir = join(dir, "secrets");
    await openClientRegistry({ file, secretsDir: join(dir, "unused") });
    // A registry of the versions before the dashboard: no dashboard, no scheduler (the operator removed
    // it), no record of the defaults it was given.
    const clients = (parse(await readFile(file, "utf8")).clients as Array<{ id: string }>).filter(
      (client) => client.id !== "dashboard" && client.id !== "scheduler",
    );
    await writeFile(file, stringify({ clients }));

    const messages: string[] = [];
    const log = {
      info: (fields: object, message: string) => messages.push(`${message} ${JSON.stringify(fields)}`),
      warn() {},
      error() {},
    };
    const { registry } = await openClientRegistry({ file, secretsDir, log });
    assert.deepEqual(
      registry.get("dashboard"),
      DEFAULT_CLIENTS.find((client) => client.id === "dashboard"),
    );
    assert.equal(registry.get("scheduler"), undefined, "a default it was given and lost is not added back");
    const secretFile = join(secretsDir, "dashboard.secret");
    assert.equal((await stat(secretFile)).mode & 0o777, 0o600);
    const secret = (await readFile(secretFile, "utf8")).trim();
    assert.ok(await registry.authenticate("dashboard", secret));
    assert.equal((await readFile(file, "utf8")).includes(secret), false, "the registry never holds a secret");
    assert.equal(messages.join("\n").includes(secret), false);
    assert.match(messages.join("\n"), /new defaults added.*"added":\["dashboard"\]/);

    // Removed by the operator now: it stays removed.
    const without = parse(await readFile(file, "utf8"));
    without.clients = without.clients.filter((client: { id: string }) => client.id !== "dashboard");
    await writeFile(file, stringify(without));
    const reopened = await openClientRegistry({ file, secretsDir });
    assert.equal(reopened.registry.get("dashboard"), undefined);
  });

  it("keeps a client of the operator's with person scopes, and refuses malformed person scopes", async (t) => {
    const { file, secretsDir, registry } = await fresh(t);
    const { secret } = await registry.addClient("portal", ["users:read", "users:read"], ["dataservice"], {
      dataservice: ["users:read", "users:read"],
    });
    const reopened = await openClientRegistry({ file, secretsDir });
    assert.deepEqual(await reopened.registry.authenticate("portal", secret), {
      id: "portal",
      scopes: ["users:read"],
      audiences: ["dataservice"],
      personScopes: { dataservice: ["users:read"] },
    });
    assert.match(await readFile(file, "utf8"), /person_scopes:\n\s+dataservice:\n\s+- users:read/);
    for (const personScopes of [
      {},
      { dataservice: [] },
      { dataservice: ['bad"scope'] },
      { "two words": ["users:read"] },
    ] as Record<string, string[]>[]) {
      await assert.rejects(registry.addClient("other", ["users:read"], ["dataservice"], personScopes), {
        code: "TOKENDEALER_ERR_INVALID_CLIENT_DEFINITION",
      });
    }
  });
});
