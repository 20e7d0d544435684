import assert from "node:assert/strict";
import { test } from "node:test";
import { FlagAnswerMemory, flagAnswerKey } from "../src/flag-answer-memory.ts";

/** An evaluation that counts its calls and answers `value`. */
function counted<T extends boolean | string>(value: T) {
  const evaluate = async () => {
    evaluate.calls += 1;
    return value;
  };
  evaluate.calls = 0;
  return evaluate;
}

test("an answer is evaluated once per question until the flags change", async () => {
  const memory = new FlagAnswerMemory();
  const on = counted(true);
  const key = flagAnswerKey("boolean", "time-command", false, { workspace: "T1", user: "U1" });
  assert.equal(await memory.answer(key, on), true);
  assert.equal(await memory.answer(key, on), true);
  assert.equal(on.calls, 1);
  const other = counted(false);
  assert.equal(await memory.answer(flagAnswerKey("boolean", "time-command", false, { workspace: "T2" }), other), false);
  assert.equal(other.calls, 1, "another context is another question");
  memory.forget();
  assert.equal(await memory.answer(key, on), true);
  assert.equal(on.calls, 2, "after forget() the answer is evaluated again");
});

test("an evaluation that began before the flags changed does not leave its answer behind", async () => {
  const memory = new FlagAnswerMemory();
  let finish: (value: string) => void = () => {};
  const old = memory.answer("k", () => new Promise<string>((resolve) => (finish = resolve)));
  memory.forget();
  finish("old");
  assert.equal(await old, "old", "the caller still gets what was evaluated");
  const fresh = counted("new");
  assert.equal(await memory.answer("k", fresh), "new");
  assert.equal(fresh.calls, 1);
});

test("a failed evaluation is not remembered", async () => {
  const memory = new FlagAnswerMemory();
  await assert.rejects(
    memory.answer("k", async () => {
      throw new Error("provider down");
    }),
    /provider down/,
  );
  assert.equal(memory.size, 0);
  assert.equal(await memory.answer("k", counted("ok")), "ok");
});

test("past its bound the memory starts over instead of growing", async () => {
  const memory = new FlagAnswerMemory(2);
  await memory.answer("a", counted(true));
  await memory.answer("b", counted(true));
  assert.equal(memory.size, 2);
  await memory.answer("c", counted(true));
  assert.equal(memory.size, 1);
  assert.throws(() => new FlagAnswerMemory(0), RangeError);
});

test("keys tell apart every kind, flag, fallback, workspace and user, also with separators in them", () => {
  const keys = [
    flagAnswerKey("boolean", "f", true),
    flagAnswerKey("boolean", "f", false),
    flagAnswerKey("string", "f", "true"),
    flagAnswerKey("string", "f", "x", { workspace: "a", user: "b" }),
    flagAnswerKey("string", "f", "x", { workspace: "a\u0000b" }),
    flagAnswerKey("string", "f", "x", { workspace: "a" }),
    flagAnswerKey("string", "f", "x", { user: "a" }),
    flagAnswerKey("string", "f\u0000x", "x"),
    flagAnswerKey("string", "f", "x\u0000"),
  ];
  assert.equal(new Set(keys).size, keys.length);
});
