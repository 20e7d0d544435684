import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { build } from "../helper.ts";
import { call, VARIANTS } from "../wire.ts";

for (const variant of VARIANTS) {
  describe(`health over ${variant.name}`, () => {
    test("getHealth and getReady answer ok; ready names the database it checked", async (t) => {
      const app = await build(t);
      const health = await call(app, variant, "getHealth", { url: "/health" });
      assert.equal(health.status, 200);
      assert.deepEqual(health.body, { status: "ok", service: "dataservice", checks: [] });
      const ready = await call(app, variant, "getReady", { url: "/ready" });
      assert.equal(ready.status, 200);
      assert.deepEqual(ready.body.checks, [{ name: "sqlite", status: "ok" }]);
    });
  });
}

test("getReady answers 503 with Retry-After when the database is gone", async (t) => {
  const app = await build(t);
  await app.store.close();
  const res = await app.inject({ method: "GET", url: "/ready" });
  assert.equal(res.statusCode, 503);
  assert.equal(res.headers["content-type"], "application/problem+json");
  assert.equal(res.headers["retry-after"], "5");
  assert.equal(res.json().code, "DATASERVICE_ERR_DATABASE_DOWN");
});
