import assert from "node:assert/strict";
import { test } from "node:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { shareOpenapiMetaSchemas } from "../src/openapi-validator-cache.ts";

const valid = {
  openapi: "3.0.3",
  info: { title: "t", version: "1" },
  paths: { "/x": { get: { responses: { "200": { description: "ok" } } } } },
};

test("validators share one compiled meta-schema per version, and still refuse a broken spec", async () => {
  shareOpenapiMetaSchemas();
  shareOpenapiMetaSchemas();
  const internals = (validator: Validator) =>
    (validator as unknown as { getAjvValidator(version: string): unknown }).getAjvValidator("3.0");
  assert.equal(internals(new Validator()), internals(new Validator()), "the same compiled function");
  assert.equal((await new Validator().validate(structuredClone(valid))).valid, true);
  const broken = { ...structuredClone(valid), paths: { "/x": { get: { responses: "none" } } } };
  const result = await new Validator().validate(broken);
  assert.equal(result.valid, false);
  assert.ok(result.errors, "with the errors of that spec");
  assert.equal((await new Validator().validate(structuredClone(valid))).valid, true, "errors do not stick");
});
