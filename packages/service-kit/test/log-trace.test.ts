import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { test } from "node:test";
import { createLogger } from "../src/log-redaction.ts";

/** A logger at info writing JSON lines into `lines`. */
function capture(): { logger: ReturnType<typeof createLogger>; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of chunk.toString().split("\n")) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger("probe", { level: "info", stream }), lines };
}

test("a line outside any trace carries its own fields only, none of the lines before it", () => {
  const { logger, lines } = capture();
  logger.info({ email: "ann@example.com", kid: "k1" }, "first");
  logger.info({ group: "actions" }, "second");
  logger.info("third");
  assert.equal(lines.length, 3);
  assert.equal(lines[0]?.email, "ann@example.com");
  assert.equal(lines[1]?.group, "actions");
  for (const stale of ["email", "kid"]) assert.equal(stale in (lines[1] ?? {}), false, `second has ${stale}`);
  for (const stale of ["email", "kid", "group"]) assert.equal(stale in (lines[2] ?? {}), false, `third has ${stale}`);
  for (const line of lines) assert.equal("trace_id" in line, false, "no trace, no trace_id");
});
