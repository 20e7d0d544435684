import assert from "node:assert/strict";
import { test } from "node:test";
import { illFormedStringAt, isWellFormed } from "../src/well-formed.ts";

test("isWellFormed refuses lone surrogates anywhere and takes pairs, like String.prototype.isWellFormed", () => {
  for (const text of ["", "plain", "\ud83d\ude00", "a\ud800\udc00b", "\uffff"])
    assert.equal(isWellFormed(text), true, text);
  for (const text of ["\ud800", "\udc00", "a\ud800b", "\ude00\ud83d", "x\udbff"])
    assert.equal(isWellFormed(text), false, text);
});

test("illFormedStringAt names the first ill-formed string by JSON Pointer and survives deep nesting", () => {
  assert.equal(illFormedStringAt({ a: ["ok", { "b/c": "\ud800" }] }, "/body"), "/body/a/1/b~1c");
  assert.equal(illFormedStringAt({ a: 1, b: null, c: [true] }, "/body"), undefined);
  let deep: unknown = "\udc00";
  for (let i = 0; i < 100_000; i++) deep = [deep];
  assert.equal(illFormedStringAt(deep, "")?.split("/").length, 100_001, "no stack overflow");
});
