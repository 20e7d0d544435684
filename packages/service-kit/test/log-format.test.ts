import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { describe, test } from "node:test";
import pino from "pino";
import { logFormat, prettyStream } from "../src/log-format.ts";

describe("the log format", () => {
  test("JSON by default, pretty on a terminal, LOG_FORMAT wins either way", () => {
    assert.equal(logFormat({}, false), "json");
    assert.equal(logFormat({}, true), "pretty");
    assert.equal(logFormat({ LOG_FORMAT: "json" }, true), "json");
    assert.equal(logFormat({ LOG_FORMAT: "pretty" }, false), "pretty");
    assert.equal(logFormat({ LOG_FORMAT: "PRETTY " }, false), "pretty");
    assert.equal(logFormat({ LOG_FORMAT: "" }, true), "pretty", "empty is unset");
    assert.throws(() => logFormat({ LOG_FORMAT: "xml" }, false), /LOG_FORMAT="xml": must be json or pretty/);
  });

  test("the pretty stream writes readable lines with the service and the trace id", async () => {
    let out = "";
    const sink = new Writable({
      write(chunk, _encoding, done) {
        out += chunk.toString();
        done();
      },
    });
    const logger = pino(
      { base: { service: "actions" } },
      prettyStream(sink as unknown as NodeJS.WritableStream, false),
    );
    logger.info({ trace_id: "4bf92f3577b34da6a3ce929d0e0e4736" }, "message handled");
    await new Promise((resolve) => setImmediate(resolve));
    assert.match(out, /INFO.*\[actions\] message handled/);
    assert.match(out, /trace_id: "4bf92f3577b34da6a3ce929d0e0e4736"/);
    assert.ok(!out.trimStart().startsWith("{"), "not JSON");
  });
});
