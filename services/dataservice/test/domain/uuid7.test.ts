import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isUuid7, uuid7 } from "../../src/domain/uuid7.ts";

/** The Unix milliseconds in the first 48 bits of a UUIDv7. */
const millisecondsOf = (id: string): number => Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16);

describe("uuid7", () => {
  it("makes lower-case version-7 UUIDs carrying the current time", () => {
    const before = Date.now();
    const id = uuid7();
    const after = Date.now();
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.ok(isUuid7(id));
    assert.ok(millisecondsOf(id) >= before && millisecondsOf(id) <= after);
  });

  it("sorts ids as strings in creation order, even many within one millisecond", () => {
    const ids = Array.from({ length: 10_000 }, () => uuid7());
    assert.equal(new Set(ids).size, ids.length);
    for (let i = 1; i < ids.length; i++) assert.ok(ids[i - 1] < ids[i], `${ids[i - 1]} < ${ids[i]}`);
  });

  it("stays in creation order when the clock goes back", (t) => {
    t.mock.timers.enable({ apis: ["Date"], now: 4_102_444_900_000 });
    const late = uuid7();
    t.mock.timers.setTime(1_000);
    const early = uuid7();
    assert.ok(early > late);
  });

  it("recognises only lower-case version-7 UUIDs", () => {
    assert.equal(isUuid7("0b6f2c1e-8e9a-4c1d-9a3b-6e2f1d0c9b8a"), false, "a UUIDv4");
    assert.equal(isUuid7(uuid7().toUpperCase()), false);
    assert.equal(isUuid7("not-a-uuid"), false);
  });
});
