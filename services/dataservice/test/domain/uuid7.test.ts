import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createUuid7Generator, isUuid7, uuid7, uuid7Time } from "../../src/domain/uuid7.ts";

describe("uuid7", () => {
  it("has the UUIDv7 layout and the current time", () => {
    const before = Date.now();
    const id = uuid7();
    const after = Date.now();
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.ok(isUuid7(id));
    assert.ok(uuid7Time(id) >= before && uuid7Time(id) <= after);
  });

  it("is unique and strictly increasing as a string, even within one millisecond", () => {
    const ids = Array.from({ length: 10_000 }, () => uuid7());
    assert.equal(new Set(ids).size, ids.length);
    for (let i = 1; i < ids.length; i++) assert.ok(ids[i - 1] < ids[i], `${ids[i - 1]} < ${ids[i]}`);
    const generate = createUuid7Generator();
    const sameMs = Array.from({ length: 5000 }, () => generate(4_102_444_800_000));
    for (let i = 1; i < sameMs.length; i++) assert.ok(sameMs[i - 1] < sameMs[i]);
  });

  it("stays increasing when the clock goes back", () => {
    const generate = createUuid7Generator();
    const late = generate(4_102_444_900_000);
    const early = generate(1_000);
    assert.ok(early > late);
    assert.equal(uuid7Time(early), 4_102_444_900_000);
  });

  it("recognises only lower-case version-7 UUIDs", () => {
    assert.equal(isUuid7("0b6f2c1e-8e9a-4c1d-9a3b-6e2f1d0c9b8a"), false);
    assert.equal(isUuid7(uuid7().toUpperCase()), false);
    assert.equal(isUuid7("not-a-uuid"), false);
  });
});
