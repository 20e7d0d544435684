import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it, type TestContext } from "node:test";
import { ConfigError } from "@jeeves/service-kit";
import { loadSigningSecret, readClientSecret } from "../../src/adapters/secret-files.ts";

async function folder(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "slackbot-secrets-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe("loadSigningSecret", () => {
  it("creates a random secret file (mode 600) on the first start and reads it afterwards", async (t) => {
    const file = join(await folder(t), "slackbot", "signing-secret");
    const first = await loadSigningSecret({ file });
    assert.equal(first.source, "created");
    assert.match(first.secret, /^[0-9a-f]{64}$/);
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    const second = await loadSigningSecret({ file });
    assert.deepEqual(second, { secret: first.secret, source: "file", file });
  });

  it("prefers SLACK_SIGNING_SECRET and then touches no file", async (t) => {
    const file = join(await folder(t), "signing-secret");
    assert.deepEqual(await loadSigningSecret({ secret: "from-env", file }), { secret: "from-env", source: "env" });
    await assert.rejects(stat(file), { code: "ENOENT" });
  });

  it("refuses an empty secret file", async (t) => {
    const file = join(await folder(t), "signing-secret");
    await writeFile(file, "\n");
    await assert.rejects(loadSigningSecret({ file }), ConfigError);
  });
});

describe("readClientSecret", () => {
  it("reads the TokenDealer's secret file, trimmed, unless SLACKBOT_CLIENT_SECRET is set", async (t) => {
    const file = join(await folder(t), "slackbot.secret");
    await writeFile(file, "s3cret\n");
    assert.equal(await readClientSecret({ file }), "s3cret");
    assert.equal(await readClientSecret({ secret: "env", file }), "env");
    assert.equal(await readFile(file, "utf8"), "s3cret\n");
  });

  it("fails clearly when the secret is nowhere", async (t) => {
    const file = join(await folder(t), "missing.secret");
    await assert.rejects(
      readClientSecret({ file }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.message.includes("SLACKBOT_CLIENT_SECRET") &&
        error.message.includes(file) &&
        error.message.includes("TokenDealer"),
    );
  });
});
