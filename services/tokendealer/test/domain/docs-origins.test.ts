import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_DOCS_ORIGINS, docsOrigin, docsOrigins, parseDocsOrigins } from "../../src/domain/docs-origins.ts";

test("a page on this machine is allowed under 127.0.0.1, localhost and [::1]; another host as it is", () => {
  assert.deepEqual(docsOrigins(["http://127.0.0.1:4001"]), [
    "http://127.0.0.1:4001",
    "http://localhost:4001",
    "http://[::1]:4001",
  ]);
  assert.deepEqual(docsOrigins(["http://0.0.0.0:4001/"]).sort(), [
    "http://0.0.0.0:4001",
    "http://127.0.0.1:4001",
    "http://[::1]:4001",
    "http://localhost:4001",
  ]);
  assert.deepEqual(docsOrigins(["https://docs.example:8443"]), ["https://docs.example:8443"]);
  assert.ok(DEFAULT_DOCS_ORIGINS.includes("http://localhost:3001"));
  assert.ok(!DEFAULT_DOCS_ORIGINS.includes("http://127.0.0.1:3000"), "the TokenDealer's own page is same-origin");
});

test("TOKENDEALER_DOCS_ORIGINS: origins separated by commas, or none; never * nor a URL with a path", () => {
  assert.deepEqual(parseDocsOrigins("http://a.example:8080, https://B.example/ ,http://a.example:8080"), [
    "http://a.example:8080",
    "https://b.example",
  ]);
  assert.deepEqual(parseDocsOrigins("none"), []);
  for (const bad of ["*", "http://a.example/docs", "ftp://a.example", "http://u:p@a.example", ",", "a.example"]) {
    assert.throws(() => parseDocsOrigins(bad), Error, bad);
  }
  assert.equal(docsOrigin("HTTP://Localhost:80"), "http://localhost");
});
