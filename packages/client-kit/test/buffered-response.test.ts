import assert from "node:assert/strict";
import { test } from "node:test";
import { bufferedResponse } from "../src/buffered-response.ts";

const URL_OF = "http://127.0.0.1:1/users/1";

function answer(body: string | null, status = 200, type = "application/json") {
  return bufferedResponse({
    status,
    headers: new Headers({ "content-type": type, etag: '"v1"' }),
    body: body === null ? null : new TextEncoder().encode(body),
    url: URL_OF,
  });
}

test("is a Response with the status, headers and URL of the answer", () => {
  const response = answer('{"id":"1"}', 201);
  assert.ok(response instanceof Response);
  assert.equal(response.status, 201);
  assert.equal(response.ok, true);
  assert.equal(response.url, URL_OF);
  assert.equal(response.headers.get("etag"), '"v1"');
  assert.equal(answer("{}", 404).ok, false);
});

test("json, text, arrayBuffer and blob read the bytes; a second read throws as fetch's does", async () => {
  const json = answer('{"units":"metric","name":"Zoë"}');
  assert.equal(json.bodyUsed, false);
  assert.deepEqual(await json.json(), { units: "metric", name: "Zoë" });
  assert.equal(json.bodyUsed, true);
  await assert.rejects(json.text(), TypeError);

  assert.equal(await answer("plain").text(), "plain");
  assert.deepEqual(Buffer.from(await answer("abc").arrayBuffer()), Buffer.from("abc"));
  const blob = await answer("xyz", 200, "text/plain").blob();
  assert.equal(blob.type, "text/plain");
  assert.equal(await blob.text(), "xyz");
});

test("a JSON body that is not JSON rejects with a SyntaxError", async () => {
  await assert.rejects(answer("not json").json(), SyntaxError);
});

test("the body stream gives the bytes and counts as reading; a bodiless answer has a null body", async () => {
  const streamed = answer("streamed");
  assert.equal(streamed.bodyUsed, false, "asking for the stream is not reading it");
  const text = await new Response(streamed.body).text();
  assert.equal(text, "streamed");
  assert.equal(streamed.bodyUsed, true);
  await assert.rejects(streamed.json(), TypeError);

  const empty = answer(null, 204);
  assert.equal(empty.body, null);
  assert.equal(await empty.text(), "");
});

test("a clone reads on its own; a read body cannot be cloned", async () => {
  const original = answer('{"a":1}');
  const copy = original.clone();
  assert.ok(copy instanceof Response);
  assert.deepEqual(await copy.json(), { a: 1 });
  assert.deepEqual(await original.json(), { a: 1 });
  assert.equal(copy.headers.get("etag"), '"v1"');
  assert.throws(() => original.clone(), TypeError);
});

test("formData parses a urlencoded body", async () => {
  const form = await answer("a=1&b=two", 200, "application/x-www-form-urlencoded").formData();
  assert.equal(form.get("b"), "two");
});
