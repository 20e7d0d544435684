import assert from "node:assert/strict";
import { test } from "node:test";
import { build, SCOPE } from "../helper.ts";
import { get } from "../wire.ts";

test("greets the name asked for, in every encoding", async (t) => {
  const { app, token } = await build(t);
  for (const encoding of ["json", "msgpack", "protobuf"] as const) {
    const res = await get(app, "/greeting?name=Ada", { token, encoding });
    assert.equal(res.status, 200, encoding);
    assert.deepEqual(res.body, { name: "Ada", text: "Hello, Ada!" }, encoding);
  }
});

test("greets the world without a name", async (t) => {
  const { app, token } = await build(t);
  const res = await get(app, "/greeting", { token });
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, { name: "world", text: "Hello, world!" });
});

test("a name longer than 100 characters is 400 problem+json", async (t) => {
  const { app, token } = await build(t);
  const res = await get(app, `/greeting?name=${"x".repeat(101)}`, { token });
  assert.equal(res.status, 400);
  assert.equal(res.contentType, "application/problem+json");
  assert.equal(res.body.code, "SERVICE_ERR_VALIDATION");
});

test(`401 without a token or with one for another audience, 403 without ${SCOPE}`, async (t) => {
  const { app, tokenWith } = await build(t);
  assert.equal((await get(app, "/greeting")).status, 401);
  assert.equal((await get(app, "/greeting", { token: await tokenWith([SCOPE], "dataservice") })).status, 401);
  const forbidden = await get(app, "/greeting", { token: await tokenWith(["users:read"]) });
  assert.equal(forbidden.status, 403);
  assert.equal(forbidden.body.code, "SERVICE_ERR_INSUFFICIENT_SCOPE");
});
