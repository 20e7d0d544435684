import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { test } from "node:test";
import { decodeBody, MEDIA_TYPE_OF, SpecIndex } from "@jeeves/codecs";
import { spec } from "@jeeves/generated/specs/tokendealer";
import { build } from "../helper.ts";

const index = new SpecIndex(spec);

for (const encoding of ["json", "msgpack", "protobuf"] as const) {
  test(`getHealth and getReady answer in ${encoding}; ready checks the signing key`, async (t) => {
    const app = await build(t);
    const type = MEDIA_TYPE_OF[encoding];
    for (const [operationId, url] of [
      ["getHealth", "/health"],
      ["getReady", "/ready"],
    ]) {
      const res = await app.inject({ method: "GET", url, headers: { accept: type } });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers["content-type"], type);
      const schema = index.response(index.operation(operationId), 200)?.schema;
      const body = decodeBody(type, res.rawPayload, schema, true) as { status: string; checks: unknown[] };
      assert.equal(body.status, "ok");
      assert.deepEqual(body.checks, operationId === "getReady" ? [{ name: "signing-key", status: "ok" }] : []);
    }
  });
}

test("getReady answers 503 problem when the key file (changed by hand) leaves no signing key", async (t) => {
  const app = await build(t);
  const file = app.keys.file;
  const data = JSON.parse(await readFile(file, "utf8"));
  for (const key of data.keys) key.retired_at = new Date().toISOString();
  await writeFile(file, JSON.stringify(data));
  const res = await app.inject({ method: "GET", url: "/ready" });
  assert.equal(res.statusCode, 503);
  assert.equal(res.headers["content-type"], "application/problem+json");
  assert.equal(res.headers["retry-after"], "5");
  assert.equal(res.json().code, "TOKENDEALER_ERR_NO_SIGNING_KEY");
  const health = await app.inject({ method: "GET", url: "/health" });
  assert.equal(health.statusCode, 200);
});
