import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import formats, { type FormatsPlugin } from "ajv-formats";
import { LineCounter, parseDocument } from "yaml";
import { isObject, type JsonObject, pointerOf } from "../breaking/local-ref.ts";
import type { LintProblem } from "./run-lint.ts";

// ajv-formats is CommonJS: Node's default import is the plugin itself, which TypeScript types as the module.
const addFormats = ((formats as unknown as { default?: FormatsPlugin }).default ?? formats) as FormatsPlugin;

/** The rule id of an AsyncAPI example that does not fit its schema (Redocly checks OpenAPI examples only). */
export const ASYNCAPI_EXAMPLE_RULE = "jeeves/asyncapi-example";

/** The id the document is registered under in ajv, so that its local `$ref`s resolve. */
const DOCUMENT_ID = "urn:jeeves:asyncapi-document";

/** One example of an AsyncAPI document and the schema it must fit, both as paths in the document. */
export interface AsyncApiExample {
  /** Where the example is: `components`, `schemas`, `Reply`, `example`. */
  path: string[];
  value: unknown;
  /** Where its schema is: `components`, `schemas`, `Reply`. */
  schema: string[];
}

/** The schema keywords whose values are schemas (walked for nested examples). */
const SUBSCHEMA = ["items", "additionalProperties", "not", "contains", "propertyNames", "if", "then", "else"];
const SUBSCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "items"];
const SUBSCHEMA_MAPS = ["properties", "patternProperties", "definitions"];

/** The examples of a schema and of its subschemas (a `$ref` is not followed: its target is walked where it is). */
function schemaExamples(node: unknown, path: string[], into: AsyncApiExample[]): void {
  if (!isObject(node) || typeof node.$ref === "string") return;
  if ("example" in node) into.push({ path: [...path, "example"], value: node.example, schema: path });
  if (Array.isArray(node.examples)) {
    for (const [i, value] of node.examples.entries())
      into.push({ path: [...path, "examples", String(i)], value, schema: path });
  }
  for (const key of SUBSCHEMA) {
    if (isObject(node[key])) schemaExamples(node[key], [...path, key], into);
  }
  for (const key of SUBSCHEMA_LISTS) {
    const list = node[key];
    if (Array.isArray(list))
      for (const [i, item] of list.entries()) schemaExamples(item, [...path, key, String(i)], into);
  }
  for (const key of SUBSCHEMA_MAPS) {
    const map = node[key];
    if (isObject(map)) for (const [name, item] of Object.entries(map)) schemaExamples(item, [...path, key, name], into);
  }
}

/** A message's payload schema and its path: `payload`, or `payload.schema` of a multi-format schema. */
function payloadOf(message: JsonObject, path: string[]): { schema: unknown; path: string[] } {
  const payload = message.payload;
  return isObject(payload) && "schemaFormat" in payload && "schema" in payload
    ? { schema: payload.schema, path: [...path, "payload", "schema"] }
    : { schema: payload, path: [...path, "payload"] };
}

/** A message's examples (`examples[].payload` and `examples[].headers`) and its inline schemas' ones. */
function messageExamples(message: unknown, path: string[], into: AsyncApiExample[]): void {
  if (!isObject(message) || typeof message.$ref === "string") return;
  const payload = payloadOf(message, path);
  schemaExamples(payload.schema, payload.path, into);
  if (message.headers !== undefined) schemaExamples(message.headers, [...path, "headers"], into);
  if (!Array.isArray(message.examples)) return;
  for (const [i, example] of message.examples.entries()) {
    if (!isObject(example)) continue;
    const at = [...path, "examples", String(i)];
    if ("payload" in example && message.payload !== undefined) {
      into.push({ path: [...at, "payload"], value: example.payload, schema: payload.path });
    }
    if ("headers" in example && message.headers !== undefined) {
      into.push({ path: [...at, "headers"], value: example.headers, schema: [...path, "headers"] });
    }
  }
}

/**
 * Every example of an AsyncAPI document with the schema it must fit: `example` and `examples[]` of
 * components.schemas (and their nested schemas), and `examples[].payload` (and `.headers`) of every
 * message, in components.messages or inline in a channel.
 */
export function asyncApiExamples(doc: unknown): AsyncApiExample[] {
  const found: AsyncApiExample[] = [];
  const root = isObject(doc) ? doc : {};
  const components = isObject(root.components) ? root.components : {};
  for (const [name, schema] of Object.entries(isObject(components.schemas) ? components.schemas : {})) {
    schemaExamples(schema, ["components", "schemas", name], found);
  }
  for (const [name, message] of Object.entries(isObject(components.messages) ? components.messages : {})) {
    messageExamples(message, ["components", "messages", name], found);
  }
  for (const [id, channel] of Object.entries(isObject(root.channels) ? root.channels : {})) {
    if (!isObject(channel) || !isObject(channel.messages)) continue;
    for (const [key, message] of Object.entries(channel.messages)) {
      messageExamples(message, ["channels", id, "messages", key], found);
    }
  }
  return found;
}

/** ajv's errors as one line: `example/time must match format "date-time"; example must NOT have… (color)`. */
function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((error) => {
      const params = error.params as Record<string, unknown>;
      const detail =
        params.additionalProperty !== undefined
          ? ` (${String(params.additionalProperty)})`
          : Array.isArray(params.allowedValues)
            ? ` (${params.allowedValues.map((v) => JSON.stringify(v)).join(", ")})`
            : "";
      return `example${error.instancePath} ${error.message ?? "is invalid"}${detail}`;
    })
    .join("; ");
}

/** The result of {@link checkAsyncApiExamples}. */
export interface ExampleReport {
  /** Every example checked. */
  checked: AsyncApiExample[];
  /** One error per example that does not fit its schema (or whose schema does not compile). */
  problems: LintProblem[];
}

/**
 * Validates every example of an AsyncAPI document ({@link asyncApiExamples}) against its schema with
 * ajv and ajv-formats, local `$ref`s resolved within the document; formats ajv-formats does not know
 * are not checked. Each problem names the file, the example's JSON pointer (and line) and ajv's message.
 */
export function checkAsyncApiExamples(text: string, file: string): ExampleReport {
  const lineCounter = new LineCounter();
  const yaml = parseDocument(text, { lineCounter });
  if (yaml.errors.length > 0) return { checked: [], problems: [] };
  const doc = yaml.toJS() as unknown;
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(isObject(doc) ? { ...doc, $id: DOCUMENT_ID } : {}, undefined, undefined, false);
  const compiled = new Map<string, ValidateFunction | Error>();
  const checked = asyncApiExamples(doc);
  const problems: LintProblem[] = [];
  for (const example of checked) {
    const schema = pointerOf(example.schema);
    if (!compiled.has(schema)) {
      try {
        compiled.set(schema, ajv.compile({ $ref: `${DOCUMENT_ID}${schema}` }));
      } catch (error) {
        compiled.set(schema, error instanceof Error ? error : new Error(String(error)));
      }
    }
    const validate = compiled.get(schema)!;
    const message =
      validate instanceof Error
        ? `cannot be checked: its schema ${schema} does not compile: ${validate.message}`
        : validate(example.value)
          ? undefined
          : `does not fit its schema ${schema}: ${describeErrors(validate.errors)}`;
    if (message === undefined) continue;
    const node = yaml.getIn(example.path, true) as { range?: [number, number, number] } | undefined;
    const start = node?.range ? lineCounter.linePos(node.range[0]) : undefined;
    problems.push({
      rule: ASYNCAPI_EXAMPLE_RULE,
      severity: "error",
      message: `Example ${message}`,
      pointer: pointerOf(example.path),
      file,
      ...(start ? { line: start.line, col: start.col } : {}),
    });
  }
  return { checked, problems };
}
