import assert from "node:assert/strict";
import { test } from "node:test";
import { JsonBodyStash } from "../../src/dredd/hooks/json-body-stash.ts";
import { planned } from "./helpers.ts";

test("the protobuf transaction finds the JSON body of the same operation, status and variant", () => {
  const stash = new JsonBodyStash();
  const json = planned("dataservice", "/users/{userId} > getUser > 200 > application/json");
  stash.record(json, { id: "a" });
  assert.deepEqual(stash.sameCall(planned("dataservice", "/users/{userId} > getUser > 200 > application/x-protobuf")), {
    id: "a",
  });
  assert.equal(
    stash.sameCall(planned("dataservice", "/users/{userId} > getUser [gzip] > 200 > application/x-protobuf")),
    undefined,
  );
  assert.equal(stash.sameCall(planned("dataservice", "/users > listUsers > 200 > application/x-protobuf")), undefined);
});
