import type { JsonSchema } from "./arbitrary-for.ts";

type Body = Record<string, unknown>;

/** What of a sent body the answer must repeat: every property but the writeOnly ones (passwords, tokens). */
export function visibleFields(sent: Body, requestSchema: JsonSchema): Body {
  const out: Body = {};
  for (const [name, value] of Object.entries(sent)) {
    if (!requestSchema.properties?.[name]?.writeOnly) out[name] = value;
  }
  return out;
}

/**
 * The fields of an answer the server assigns anew on every call: in the response schema but not in the
 * request's, with format uuid or date-time (ids and timestamps).
 */
export function assignedFields(responseSchema: JsonSchema, requestSchema: JsonSchema): string[] {
  return Object.entries(responseSchema.properties ?? {})
    .filter(([name]) => !requestSchema.properties?.[name])
    .filter(([, property]) => property.format === "uuid" || property.format === "date-time")
    .map(([name]) => name);
}

/**
 * An answer without the fields the server assigns (see `assignedFields`), so answers to the same
 * request made in different encodings compare equal when the encodings carry the same values.
 */
export function withoutAssignedFields(answer: Body, responseSchema: JsonSchema, requestSchema: JsonSchema): Body {
  const assigned = new Set(assignedFields(responseSchema, requestSchema));
  return Object.fromEntries(Object.entries(answer).filter(([name]) => !assigned.has(name)));
}
