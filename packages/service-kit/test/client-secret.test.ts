import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ConfigError, readClientSecret } from "../src/index.ts";

describe("readClientSecret", () => {
  it("takes the variable when set, else the file's first line, trimmed", async (t) => {
    const dir = await mkdtemp(join(tmpdir(), "kit-secret-"));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, "svc.secret");
    await writeFile(file, "from-the-file\n");
    assert.equal(readClientSecret({ variable: "SVC_CLIENT_SECRET", file }), "from-the-file");
    assert.equal(readClientSecret({ variable: "SVC_CLIENT_SECRET", secret: "from-env", file }), "from-env");
  });

  it("fails with what to do, naming the variable and the file, when the secret is nowhere or empty", async (t) => {
    const dir = await mkdtemp(join(tmpdir(), "kit-secret-"));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const empty = join(dir, "empty.secret");
    await writeFile(empty, "\n");
    for (const file of [join(dir, "missing.secret"), empty, dir]) {
      assert.throws(
        () => readClientSecret({ variable: "SVC_CLIENT_SECRET", file }),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.ok(error.message.includes(file));
          assert.match(
            error.message,
            file === dir ? /SVC_CLIENT_SECRET_FILE .* cannot be read \(EISDIR\)/ : /Start the TokenDealer once/,
          );
          return true;
        },
      );
    }
  });
});
