import assert from "node:assert/strict";
import { test } from "node:test";
import type { JsonSchema } from "../../src/property/arbitrary-for.ts";
import { assignedFields, visibleFields, withoutAssignedFields } from "../../src/property/server-answer.ts";

const request: JsonSchema = {
  type: "object",
  properties: { name: { type: "string" }, password: { type: "string", writeOnly: true }, born: { format: "date" } },
};
const response: JsonSchema = {
  type: "object",
  properties: {
    id: { type: "string", format: "uuid" },
    name: { type: "string" },
    rank: { type: "string" },
    created_at: { type: "string", format: "date-time" },
  },
};

test("an answer must repeat what was sent but the writeOnly fields", () => {
  assert.deepEqual(visibleFields({ name: "Bertie", password: "what-ho" }, request), { name: "Bertie" });
});

test("the server assigns the ids and timestamps the request does not carry, nothing else", () => {
  assert.deepEqual(assignedFields(response, request), ["id", "created_at"]);
  const answer = { id: "0190b8a2", name: "Bertie", rank: "junior", created_at: "2026-11-28T08:00:00.000Z" };
  assert.deepEqual(withoutAssignedFields(answer, response, request), { name: "Bertie", rank: "junior" });
});
