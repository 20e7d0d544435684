import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { describe, test } from "node:test";
import { build } from "./helper.ts";

function capture(): { lines: () => Array<Record<string, unknown>>; stream: Writable } {
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      raw.push(chunk.toString());
      done();
    },
  });
  return { lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>), stream };
}

const requestLines = (lines: Array<Record<string, unknown>>) =>
  lines.filter((line) => line.msg === "incoming request" || line.msg === "request completed");

describe("every operation", () => {
  test("at debug, the incoming request is a debug line before the completed one", async (t) => {
    const { lines, stream } = capture();
    const app = await build(t, { logger: { level: "debug", stream } });
    const echo = await app.inject({
      method: "POST",
      url: "/echo",
      payload: { status: "ok", service: "x", checks: [] },
    });
    assert.equal(echo.statusCode, 200);
    assert.deepEqual(
      requestLines(lines()).map((line) => [line.msg, line.level]),
      [
        ["incoming request", 20],
        ["request completed", 30],
      ],
    );
  });
});

describe("an operation with quietRequestLog (a poll)", () => {
  test("logs nothing at info while it answers below 400; other operations log as before", async (t) => {
    const { lines, stream } = capture();
    const app = await build(t, { logger: { level: "info", stream }, hooks: { getOk: { quietRequestLog: true } } });
    for (let i = 0; i < 3; i++) assert.equal((await app.inject({ method: "GET", url: "/ok" })).statusCode, 200);
    assert.deepEqual(requestLines(lines()), [], "no line for three successful polls");
    const echo = await app.inject({
      method: "POST",
      url: "/echo",
      payload: { status: "ok", service: "x", checks: [] },
    });
    assert.equal(echo.statusCode, 200);
    const logged = requestLines(lines());
    assert.deepEqual(
      logged.map((line) => [line.msg, line.level]),
      [["request completed", 30]],
      "an operation without the flag logs one info line",
    );
    const [line] = logged as [Record<string, unknown>];
    assert.deepEqual(line.req, { ...(line.req as object), method: "POST", url: "/echo" }, "with the method and URL");
    assert.equal((line.res as { statusCode: number }).statusCode, 200);
    assert.equal(typeof line.responseTime, "number");
    assert.equal(line.request_id, echo.headers["x-request-id"], "and the request id");
  });

  test("an answer of 400 or more is one info line with the method and URL", async (t) => {
    const { lines, stream } = capture();
    const app = await build(t, { logger: { level: "info", stream }, hooks: { getOk: { quietRequestLog: true } } });
    assert.equal((await app.inject({ method: "GET", url: "/ok?size=-1" })).statusCode, 400);
    const logged = requestLines(lines());
    assert.equal(logged.length, 1);
    const [line] = logged as [Record<string, unknown>];
    assert.equal(line.msg, "request completed");
    assert.equal(line.level, 30);
    assert.equal((line.res as { statusCode: number }).statusCode, 400);
    assert.equal((line.req as { method: string; url: string }).method, "GET");
    assert.equal((line.req as { url: string }).url, "/ok?size=-1");
  });

  test("at debug its request lines are there, as debug lines", async (t) => {
    const { lines, stream } = capture();
    const app = await build(t, { logger: { level: "debug", stream }, hooks: { getOk: { quietRequestLog: true } } });
    assert.equal((await app.inject({ method: "GET", url: "/ok" })).statusCode, 200);
    const logged = requestLines(lines());
    assert.deepEqual(
      logged.map((line) => [line.msg, line.level]),
      [
        ["incoming request", 20],
        ["request completed", 20],
      ],
    );
  });
});
