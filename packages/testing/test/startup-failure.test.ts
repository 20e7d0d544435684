import assert from "node:assert/strict";
import { createConnection } from "node:net";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { assertStartupFailure, occupyPort, runEntryPoint } from "../src/index.ts";

const cwd = fileURLToPath(new URL("./fixtures/", import.meta.url));

describe("runEntryPoint and assertStartupFailure", () => {
  it("run a script with tsx, and accept a clean failure: exit 1, the last line names the variable", async () => {
    const run = await runEntryPoint("exit-with.ts", { cwd, env: { FIXTURE_MODE: "clean" } });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /attempt 1 of 1/);
    const last = assertStartupFailure(run, { name: "fixture", variable: "SOME_VARIABLE", secrets: ["hunter2"] });
    assert.match(last, /ECONNREFUSED/);
  });

  it("refuse a stack trace, another variable, another name or a secret shown", async () => {
    const stack = await runEntryPoint("exit-with.ts", { cwd, env: { FIXTURE_MODE: "stack" } });
    assert.throws(() => assertStartupFailure(stack, { name: "fixture", variable: "SOME_VARIABLE" }), /stack trace/);
    const clean = await runEntryPoint("exit-with.ts", { cwd, env: { FIXTURE_MODE: "clean" } });
    assert.throws(() => assertStartupFailure(clean, { name: "fixture", variable: "OTHER" }), /names OTHER/);
    assert.throws(() => assertStartupFailure(clean, { name: "other", variable: "SOME_VARIABLE" }), /starts with/);
    assert.throws(
      () => assertStartupFailure(clean, { name: "fixture", variable: "SOME_VARIABLE", secrets: ["[redacted]"] }),
      /never shows/,
    );
    assert.throws(
      () => assertStartupFailure({ ...clean, code: 0 }, { name: "fixture", variable: "SOME_VARIABLE" }),
      /exit code 1/,
    );
  });

  it("kill a script that does not exit in time, and say so", async () => {
    await assert.rejects(
      runEntryPoint("exit-with.ts", { cwd, env: { FIXTURE_MODE: "hang" }, timeoutMs: 1_000 }),
      /did not exit within 1000 ms/,
    );
  });

  it("occupyPort holds a port until closed", async () => {
    const held = await occupyPort();
    assert.ok(held.port > 0);
    const socket = createConnection({ host: "127.0.0.1", port: held.port });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("error", reject);
    });
    socket.destroy();
    await held.close();
  });
});
