import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { SERVICE_GLIBC_TUNABLES, SERVICE_NODE_OPTIONS, serviceProcessEnv } from "../src/index.ts";

const MB = 1024 * 1024;

/** What a fixture prints, run by node with `env` on top of this process's environment. */
async function runFixture(name: string, env: Record<string, string>): Promise<number> {
  const fixture = fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [fixture], {
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return Number(stdout.trim());
}

describe("a service process's environment", () => {
  it("puts the services' own settings first, so that the person's NODE_OPTIONS and GLIBC_TUNABLES win", () => {
    assert.deepEqual(serviceProcessEnv({}), {
      NODE_OPTIONS: SERVICE_NODE_OPTIONS,
      GLIBC_TUNABLES: SERVICE_GLIBC_TUNABLES,
    });
    assert.deepEqual(serviceProcessEnv({ NODE_OPTIONS: "  ", GLIBC_TUNABLES: "" }), serviceProcessEnv({}));
    assert.deepEqual(
      serviceProcessEnv({ NODE_OPTIONS: "--max-semi-space-size=16", GLIBC_TUNABLES: "glibc.malloc.arena_max=2" }),
      {
        NODE_OPTIONS: `${SERVICE_NODE_OPTIONS} --max-semi-space-size=16`,
        GLIBC_TUNABLES: `${SERVICE_GLIBC_TUNABLES}:glibc.malloc.arena_max=2`,
      },
    );
  });

  it("caps the young generation at two 4 MB semi-spaces, unless the person's NODE_OPTIONS say otherwise", async () => {
    const { NODE_OPTIONS } = serviceProcessEnv({});
    const capped = await runFixture("young-generation.cjs", { NODE_OPTIONS });
    const overridden = await runFixture("young-generation.cjs", {
      NODE_OPTIONS: serviceProcessEnv({ NODE_OPTIONS: "--max-semi-space-size=16" }).NODE_OPTIONS,
    });
    assert.ok(capped <= 9 * MB, `young generation ${capped} bytes with ${NODE_OPTIONS}`);
    assert.ok(overridden > 16 * MB, `young generation ${overridden} bytes with the person's 16 MB semi-spaces`);
  });

  it("gives scrypt's 16 MiB back to the system once a check is done, where the C library is glibc", async (t) => {
    const { GLIBC_TUNABLES } = serviceProcessEnv({});
    const kept = await runFixture("scrypt-memory.cjs", { GLIBC_TUNABLES });
    const keptByDefault = await runFixture("scrypt-memory.cjs", { GLIBC_TUNABLES: "" });
    if (keptByDefault < 16) {
      t.skip(`this C library kept ${keptByDefault} MB without the setting: not glibc's arenas`);
      return;
    }
    assert.ok(kept < 8, `${kept} MB kept after twelve scrypts with ${GLIBC_TUNABLES} (${keptByDefault} MB without)`);
  });
});
