import assert from "node:assert/strict";
import crypto, { type ScryptOptions } from "node:crypto";
import { syncBuiltinESMExports } from "node:module";
import { describe, it } from "node:test";
import { createPasswordHasher, hashPassword, verifyPassword } from "../src/passwords.ts";

describe("passwords", () => {
  it("hashes as scrypt$16384$8$1$<salt>$<hash> and verifies the right password only", async () => {
    const stored = await hashPassword("correct horse");
    assert.match(stored, /^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    assert.equal(await verifyPassword("correct horse", stored), true);
    assert.equal(await verifyPassword("correct horsE", stored), false);
    assert.equal(await verifyPassword("", stored), false);
  });

  it("gives different hashes for the same password", async () => {
    const a = await hashPassword("same");
    const b = await hashPassword("same");
    assert.notEqual(a, b);
    assert.equal(await verifyPassword("same", a), true);
    assert.equal(await verifyPassword("same", b), true);
  });

  it("returns false without a stored hash or for a malformed one", async () => {
    const good = await hashPassword("pw");
    const parts = good.split("$");
    const malformed = [
      "",
      "plaintext",
      "bcrypt$2b$10$abc",
      parts.slice(0, 5).join("$"),
      ["argon2", ...parts.slice(1)].join("$"),
      ["scrypt", "1000", ...parts.slice(2)].join("$"), // N not a power of two
      ["scrypt", "16384", "8", "1", "sa+lt", parts[5]].join("$"),
      ["scrypt", "16384", "8", "1", parts[4], "c2hvcnQ"].join("$"), // hash too short
      [...parts.slice(0, 5), `${parts[5]}x`].join("$"),
    ];
    assert.equal(await verifyPassword("pw", undefined), false);
    for (const stored of malformed) {
      assert.equal(await verifyPassword("pw", stored), false, `stored ${JSON.stringify(stored)}`);
    }
  });

  it("still spends an scrypt of the same cost when there is no stored hash", async () => {
    const stored = await hashPassword("pw");
    // Counted, not timed: every scrypt call and its cost, through node:crypto as passwords.ts imports it.
    const costs: string[] = [];
    const original = crypto.scrypt;
    crypto.scrypt = ((...args: Parameters<typeof original>) => {
      const options = args[3] as ScryptOptions;
      costs.push(`N=${options.N} r=${options.r} p=${options.p} keylen=${args[2]}`);
      return (original as (...a: unknown[]) => void)(...args);
    }) as typeof original;
    syncBuiltinESMExports();
    try {
      assert.equal(await verifyPassword("pw", stored), true);
      assert.equal(await verifyPassword("pw", undefined), false);
    } finally {
      crypto.scrypt = original;
      syncBuiltinESMExports();
    }
    assert.equal(costs.length, 2, "one scrypt each");
    assert.equal(costs[1], costs[0], "the missing hash costs what a real one does");
    assert.equal(costs[0], "N=16384 r=8 p=1 keylen=32");
  });
});

/** A fake key derivation whose calls wait until the test settles them. */
function deferredDerive() {
  const calls: Array<{ password: string; resolve: (key: Buffer) => void }> = [];
  const derive = (password: string, _salt: Buffer, keylen: number) =>
    new Promise<Buffer>((resolve) => calls.push({ password, resolve: () => resolve(Buffer.alloc(keylen, 7)) }));
  return { calls, derive };
}

/** Lets pending promise callbacks run (no timers involved). */
async function settle() {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe("createPasswordHasher", () => {
  it("runs at most `concurrency` derivations at once, queues `queue` more, and refuses the rest at once", async () => {
    const fake = deferredDerive();
    const hasher = createPasswordHasher({ concurrency: 2, queue: 1, retryAfterSeconds: 3, derive: fake.derive });
    const stored = await (async () => {
      const pending = hasher.hash("x");
      await settle();
      fake.calls.shift()?.resolve(Buffer.alloc(0));
      return pending;
    })();
    const first = hasher.verify("one", stored);
    const second = hasher.verify("two", undefined);
    const third = hasher.verify("three", stored);
    const refused = await hasher.verify("four", stored).then(
      () => assert.fail("the fourth should be refused"),
      (error) => error,
    );
    await settle();
    assert.equal(refused.code, "SERVICE_ERR_OVERLOADED");
    assert.equal(refused.statusCode, 503);
    assert.deepEqual(refused.headers, { "retry-after": "3" });
    assert.deepEqual(
      fake.calls.map((call) => call.password),
      ["one", "two"],
      "two run, the third waits, the fourth never derives",
    );
    fake.calls.shift()?.resolve(Buffer.alloc(0));
    assert.equal(await first, true);
    await settle();
    assert.deepEqual(
      fake.calls.map((call) => call.password),
      ["two", "three"],
      "the waiting one takes the free turn",
    );
    for (const call of fake.calls.splice(0)) call.resolve(Buffer.alloc(0));
    assert.equal(await second, false);
    assert.equal(await third, true);
    // Turns are given back: a full round fits again.
    const again = [hasher.verify("a", stored), hasher.verify("b", stored), hasher.verify("c", stored)];
    await settle();
    assert.equal(fake.calls.length, 2);
    while (fake.calls.length > 0) {
      fake.calls.shift()?.resolve(Buffer.alloc(0));
      await settle();
    }
    assert.deepEqual(await Promise.all(again), [true, true, true]);
  });

  it("gives the turn back when a derivation fails", async () => {
    let fail = true;
    const hasher = createPasswordHasher({
      concurrency: 1,
      queue: 0,
      derive: async (_password, _salt, keylen) => {
        if (fail) throw new Error("scrypt failed");
        return Buffer.alloc(keylen);
      },
    });
    await assert.rejects(hasher.hash("x"), /scrypt failed/);
    fail = false;
    assert.match(await hasher.hash("x"), /^scrypt\$/);
  });
});
