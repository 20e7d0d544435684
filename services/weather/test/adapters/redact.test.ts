import assert from "node:assert/strict";
import { test } from "node:test";
import { redactError, redactText, redactUrl } from "../../src/adapters/redact.ts";

test("redactUrl hides the appid value wherever it is in the query", () => {
  assert.equal(
    redactUrl("https://api.openweathermap.org/data/2.5/weather?q=Berlin&appid=s3cret&units=metric"),
    "https://api.openweathermap.org/data/2.5/weather?q=Berlin&appid=[redacted]&units=metric",
  );
  assert.equal(redactUrl("http://mock/data/2.5/weather?appid=s3cret"), "http://mock/data/2.5/weather?appid=[redacted]");
  assert.equal(redactUrl("http://mock/data/2.5/weather?q=appid"), "http://mock/data/2.5/weather?q=appid");
});

test("redactText hides the secret as is and URL-encoded", () => {
  assert.equal(redactText("key a+b/c and a%2Bb%2Fc", "a+b/c"), "key [redacted] and [redacted]");
});

test("redactError copies an error and its causes without the secret, keeping names and codes", () => {
  const inner = Object.assign(new Error("connect ECONNREFUSED with s3cret"), { code: "ECONNREFUSED" });
  const outer = new TypeError("Failed to parse URL from http://x/?appid=s3cret", { cause: inner });
  const copy = redactError(outer, "s3cret");
  assert.equal(copy.name, "TypeError");
  assert.equal(copy.message, "Failed to parse URL from http://x/?appid=[redacted]");
  assert.equal((copy.cause as Error).message, "connect ECONNREFUSED with [redacted]");
  assert.equal((copy.cause as NodeJS.ErrnoException).code, "ECONNREFUSED");
  assert.doesNotMatch(`${copy.stack}${(copy.cause as Error).stack}`, /s3cret/);
  assert.equal(redactError("s3cret thrown", "s3cret").message, "[redacted] thrown");
});
