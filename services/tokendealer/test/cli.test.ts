import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { tempDir } from "./helper.ts";

const SERVICE = fileURLToPath(new URL("..", import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as `npm run cli` does (tsx), with the given environment on top of a clean one. */
function cli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
      cwd: SERVICE,
      env: { PATH: process.env.PATH ?? "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("cli", () => {
  it("add-client prints the secret once and stores its hash; list-clients shows ids, scopes, audiences only", async (t) => {
    const dataDir = await tempDir(t);
    const env = { DATA_DIR: dataDir };
    const added = await cli(
      ["add-client", "--id", "reports", "--scopes", "users:read,weather:read", "--audiences", "dataservice,weather"],
      env,
    );
    assert.equal(added.code, 0, added.stderr);
    const secret = /^client_secret: (\S+)$/m.exec(added.stdout)?.[1] ?? "";
    assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
    assert.match(added.stdout, /will not be shown again/);
    assert.match(added.stderr, /created the client registry with the default clients/);
    assert.equal(added.stderr.includes(secret), false);
    const registry = await readFile(join(dataDir, "clients.yaml"), "utf8");
    assert.match(registry, /id: reports/);
    assert.equal(registry.includes(secret), false);
    assert.equal((await stat(join(dataDir, "clients.yaml"))).mode & 0o777, 0o600);

    const listed = await cli(["list-clients"], env);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /^ID\s+SCOPES\s+AUDIENCES\s+PERSON SCOPES$/m);
    assert.match(listed.stdout, /^reports\s+users:read,weather:read\s+dataservice,weather$/m);
    assert.match(listed.stdout, /^jeeves-admin\s/m);
    assert.match(
      listed.stdout,
      /^dashboard\s+users:read\s+dataservice\s+dataservice=users:read,users:write,workspaces:read slackbot=chat:write$/m,
    );
    assert.doesNotMatch(listed.stdout, /scrypt|secret_hash|client_secret/);
    assert.equal(listed.stderr, "", "the registry exists now: nothing is created");
  });

  it("add-client refuses bad input with exit code 1 and a one-line reason", async (t) => {
    const env = { DATA_DIR: await tempDir(t) };
    const cases: [string[], RegExp][] = [
      [["add-client", "--scopes", "users:read", "--audiences", "dataservice"], /--id is required/],
      [["add-client", "--id", "x", "--audiences", "dataservice"], /--scopes is required/],
      [["add-client", "--id", "x", "--scopes", "users:reed", "--audiences", "dataservice"], /unknown scope users:reed/],
      [["add-client", "--id", "x", "--scopes", "users:read", "--audiences", "dataservise"], /unknown audience/],
      [["add-client", "--id", "Bad Id", "--scopes", "users:read", "--audiences", "dataservice"], /client id/],
      [["add-client", "--id", "actions", "--scopes", "users:read", "--audiences", "dataservice"], /already exists/],
      [["add-client", "--id", "x", "--bogus"], /Unknown option '--bogus'/],
      [["frobnicate"], /unknown command frobnicate/],
      [[], /a command is required/],
    ];
    for (const [args, reason] of cases) {
      const run = await cli(args, env);
      assert.equal(run.code, 1, args.join(" "));
      assert.match(run.stderr, reason, args.join(" "));
      assert.equal(run.stdout, "", args.join(" "));
    }
    const allowed = await cli(
      ["add-client", "--id", "x", "--scopes", "reports:read", "--audiences", "reports", "--allow-unknown"],
      env,
    );
    assert.equal(allowed.code, 0, allowed.stderr);
  });

  it("add-client --person-scopes gives a client tokens for people, each scope one its audience accepts", async (t) => {
    const env = { DATA_DIR: await tempDir(t) };
    const person = ["add-client", "--id", "portal", "--scopes", "users:read", "--audiences", "dataservice"];
    const cases: [string[], RegExp][] = [
      [[...person, "--person-scopes", "dataservice"], /must be <audience>=<scope>,<scope>/],
      [[...person, "--person-scopes", "dataservise=users:read"], /unknown person audience dataservise/],
      [
        [...person, "--person-scopes", "dataservice=weather:read"],
        /dataservice does not accept the person scope weather:read/,
      ],
      [
        [...person, "--person-scopes", "dataservice=users:read", "--person-scopes", "dataservice=users:write"],
        /names dataservice twice/,
      ],
    ];
    for (const [args, reason] of cases) {
      const run = await cli(args, env);
      assert.equal(run.code, 1, args.join(" "));
      assert.match(run.stderr, reason, args.join(" "));
    }
    const added = await cli([...person, "--person-scopes", "dataservice=users:read,users:write"], env);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /for a person: dataservice=users:read,users:write/);
    const listed = await cli(["list-clients"], env);
    assert.match(listed.stdout, /^portal\s+users:read\s+dataservice\s+dataservice=users:read,users:write$/m);
  });

  it("rotate-key prints the new kid, retire-key stops publishing one and refuses the only signing key", async (t) => {
    const dataDir = await tempDir(t);
    const env = { DATA_DIR: dataDir, TOKENDEALER_ALG: "ES256" };
    const rotated = await cli(["rotate-key", "--alg", "RS512"], env);
    assert.equal(rotated.code, 0, rotated.stderr);
    assert.match(rotated.stderr, /generated the first signing key .*alg ES256/);
    const kid = /^new signing key (\S+) \(RS512\)$/m.exec(rotated.stdout)?.[1];
    assert.ok(kid, rotated.stdout);
    const keys = JSON.parse(await readFile(join(dataDir, "keys.json"), "utf8")).keys;
    assert.deepEqual(
      keys.map((key: { kid: string; alg: string }) => [key.kid, key.alg]),
      [
        [keys[0].kid, "ES256"],
        [kid, "RS512"],
      ],
    );
    assert.equal((await stat(join(dataDir, "keys.json"))).mode & 0o777, 0o600);

    const listed = await cli(["list-keys"], env);
    assert.match(listed.stdout, new RegExp(`^${keys[0].kid}  ES256  created \\S+  published$`, "m"));
    assert.match(listed.stdout, new RegExp(`^${kid}  RS512  created \\S+  signing$`, "m"));

    const retired = await cli(["retire-key", keys[0].kid], env);
    assert.equal(retired.code, 0, retired.stderr);
    assert.match(retired.stdout, /retired key .* no longer published/);
    assert.match(JSON.parse(await readFile(join(dataDir, "keys.json"), "utf8")).keys[0].retired_at, /^\d{4}-/);

    const last = await cli(["retire-key", kid], env);
    assert.equal(last.code, 1);
    assert.match(last.stderr, /only signing key.*TOKENDEALER_ERR_LAST_SIGNING_KEY/);
    const unknown = await cli(["retire-key", "nope"], env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no key nope/);
    const missing = await cli(["retire-key"], env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /needs the kid/);
    const badAlg = await cli(["rotate-key", "--alg", "HS256"], env);
    assert.equal(badAlg.code, 1);
    assert.match(badAlg.stderr, /HS256 is not one of/);
  });

  it("uses TOKENDEALER_KEYS_FILE and TOKENDEALER_CLIENTS_FILE, and reports bad configuration", async (t) => {
    const dir = await tempDir(t);
    const env = {
      DATA_DIR: join(dir, "data"),
      TOKENDEALER_KEYS_FILE: join(dir, "elsewhere", "k.json"),
      TOKENDEALER_CLIENTS_FILE: join(dir, "elsewhere", "c.yaml"),
    };
    assert.equal((await cli(["list-keys"], env)).code, 0);
    assert.equal((await cli(["list-clients"], env)).code, 0);
    await stat(join(dir, "elsewhere", "k.json"));
    await stat(join(dir, "elsewhere", "c.yaml"));
    await stat(join(dir, "data", "secrets", "jeeves-admin.secret"));
    const bad = await cli(["list-keys"], { DATA_DIR: dir, TOKEN_TTL_SECONDS: "5", TOKENDEALER_ALG: "none" });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /TOKENDEALER_ALG="none"/);
    assert.match(bad.stderr, /TOKEN_TTL_SECONDS="5"/);
  });

  it("prints the usage with --help", async (t) => {
    const run = await cli(["--help"], { DATA_DIR: await tempDir(t) });
    assert.equal(run.code, 0);
    assert.match(run.stdout, /add-client --id <id> --scopes <a,b> --audiences <x,y>/);
  });
});
