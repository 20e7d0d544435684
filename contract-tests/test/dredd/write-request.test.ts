import assert from "node:assert/strict";
import { test } from "node:test";
import { gunzipSync } from "node:zlib";
import { decodeBody, PROTOBUF_TYPE } from "@jeeves/codecs";
import { EtagStash } from "../../src/dredd/hooks/etag-stash.ts";
import { NEVER_CURRENT_ETAG, writeRequest } from "../../src/dredd/hooks/write-request.ts";
import type { RequestSpec } from "../../src/dredd/providers/types.ts";
import { dreddTransaction, planned, planOf } from "./helpers.ts";

const index = planOf("dataservice").index;
const base = (extra: Partial<RequestSpec>): RequestSpec => ({
  params: {},
  query: {},
  headers: {},
  credentials: "valid",
  ...extra,
});

test("the gzip variant sends its body in the media type, gzip-compressed, and asks for gzip", () => {
  const entry = planned("dataservice", "/users > createUser [gzip] > 201 > application/x-protobuf");
  const target = dreddTransaction(entry);
  const body = { display_name: "Bertie", email: "bertie@example.com", password: "what-ho-jeeves" };
  writeRequest(target, entry, base({ body, contentType: PROTOBUF_TYPE, accept: PROTOBUF_TYPE }), {
    index,
    stash: new EtagStash(),
    authorization: "Bearer t",
  });
  const headers = target.request.headers;
  assert.equal(headers["Content-Type"], PROTOBUF_TYPE);
  assert.equal(headers["Content-Encoding"], "gzip");
  assert.equal(headers["Accept-Encoding"], "gzip");
  assert.equal(headers.Authorization, "Bearer t");
  assert.equal(target.request.bodyEncoding, "base64");
  const bytes = gunzipSync(Buffer.from(target.request.body, "base64"));
  const schema = index.operation("createUser").requestBody?.schema;
  assert.deepEqual(decodeBody(PROTOBUF_TYPE, bytes, schema), body, "the writeOnly password travels in a request");
});

test("a form body is form-encoded text; the URI carries encoded parameters and the query", () => {
  const token = planned("tokendealer", "/oauth/token > issueToken > 200 > application/json");
  const target = dreddTransaction(token);
  writeRequest(
    target,
    token,
    base({
      body: { grant_type: "client_credentials", scope: "a b" },
      contentType: "application/x-www-form-urlencoded",
    }),
    { index: planOf("tokendealer").index, stash: new EtagStash(), authorization: undefined },
  );
  assert.equal(target.request.body, "grant_type=client_credentials&scope=a+b");
  assert.equal(target.request.bodyEncoding, "utf-8");
  assert.equal(target.request.headers.Accept, undefined, "no Accept when the request names none");
  assert.equal(target.request.headers["Accept-Encoding"], undefined);

  const get = planned("dataservice", "/users/{userId}/settings/{key} > getSetting > 200 > application/json");
  const other = dreddTransaction(get);
  const path = writeRequest(other, get, base({ params: { userId: "a b", key: "units" }, query: { x: "1" } }), {
    index,
    stash: new EtagStash(),
    authorization: undefined,
  });
  assert.equal(path, "/users/a%20b/settings/units");
  assert.equal(other.fullPath, "/users/a%20b/settings/units?x=1");
  assert.equal(other.id, "GET (200) /users/a%20b/settings/units?x=1");
});

test("conditional headers come from the ETag stash: the latest for 304, a stale one for 412", () => {
  const stash = new EtagStash();
  const write = (name: string, conditional: RequestSpec["conditional"]) => {
    const entry = planned("dataservice", name);
    const target = dreddTransaction(entry);
    writeRequest(target, entry, base({ params: { userId: "u1" }, conditional }), {
      index,
      stash,
      authorization: undefined,
    });
    return target.request.headers;
  };
  const notModified = "/users/{userId} > getUser > 304";
  const stale = "/users/{userId} > updateUser > 412 > application/problem+json";
  assert.throws(() => write(notModified, { header: "If-None-Match", etag: "latest" }), /no earlier response/);
  assert.equal(write(stale, { header: "If-Match", etag: "stale" })["If-Match"], NEVER_CURRENT_ETAG);
  stash.record("/users/u1", '"1-a"');
  stash.record("/users/u1", '"1-a"');
  assert.equal(write(stale, { header: "If-Match", etag: "stale" })["If-Match"], NEVER_CURRENT_ETAG);
  stash.record("/users/u1", '"2-b"');
  assert.equal(write(notModified, { header: "If-None-Match", etag: "latest" })["If-None-Match"], '"2-b"');
  assert.equal(write(stale, { header: "If-Match", etag: "stale" })["If-Match"], '"1-a"');
});
