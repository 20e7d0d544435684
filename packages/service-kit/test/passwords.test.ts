import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hashPassword, verifyPassword } from "../src/passwords.ts";

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

  it("still spends an scrypt when there is no stored hash", async () => {
    const stored = await hashPassword("pw");
    const time = async (fn: () => Promise<unknown>) => {
      const start = performance.now();
      await fn();
      return performance.now() - start;
    };
    const real = await time(() => verifyPassword("pw", stored));
    const missing = await time(() => verifyPassword("pw", undefined));
    assert.ok(missing > real / 4, `missing ${missing}ms vs real ${real}ms`);
  });
});
