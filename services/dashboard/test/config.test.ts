import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError } from "@jeeves/service-kit";
import { DEFAULT_PORT, loadConfig } from "../src/config.ts";

test("the embedded defaults: its own port on 127.0.0.1, the TokenDealer on 3000", () => {
  const config = loadConfig({});
  assert.equal(config.PORT, DEFAULT_PORT);
  assert.equal(config.HOST, "127.0.0.1");
  assert.equal(config.TOKENDEALER_URL, "http://127.0.0.1:3000");
});

test("bad values are all reported at once", () => {
  assert.throws(
    () => loadConfig({ PORT: "70000", TOKENDEALER_URL: "ftp://example.org" }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(
        error.problems.map((problem) => problem.split("=")[0]),
        ["PORT", "TOKENDEALER_URL"],
      );
      return true;
    },
  );
});
