import assert from "node:assert/strict";
import { test } from "node:test";
import { build } from "../helper.ts";
import { get } from "../wire.ts";

test("/health and /ready answer without a session, in every encoding", async (t) => {
  const { app } = await build(t);
  for (const path of ["/health", "/ready"]) {
    for (const encoding of ["json", "msgpack", "protobuf"] as const) {
      const res = await get(app, path, { encoding });
      assert.equal(res.status, 200, `${path} ${encoding}`);
      assert.deepEqual(res.body, { status: "ok", service: "dashboard", checks: [] }, `${path} ${encoding}`);
    }
  }
});
