import { gunzipSync } from "node:zlib";
import { decodeBody, essence, JSON_TYPE, MSGPACK_TYPE, PROTOBUF_TYPE, type SpecIndex } from "@jeeves/codecs";
import { toGavelSchema } from "../json-schema.ts";
import type { PlannedTransaction } from "../plan.ts";
import { type DreddTransaction, headerOf, setHeader } from "./dredd-api.ts";
import { responseExample, responseSchema } from "./spec-lookup.ts";

/** A JSON body's value, or undefined when it is not JSON (Gavel reports that). */
function parsedJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? "");
  } catch {
    return undefined;
  }
}

/** Binary media types whose bodies the hooks decode to JSON before Dredd validates them. */
const BINARY_TYPES = new Set([MSGPACK_TYPE, PROTOBUF_TYPE]);

/** What decoding found, for the run's counts and for failing the transaction. */
export interface DecodeOutcome {
  /** The response came gzip-compressed. */
  gzipped: boolean;
  /** Why the response cannot be right whatever Dredd finds (undecodable body, wrong media type…). */
  problems: string[];
  /** The body as Dredd validates it (JSON parsed; MessagePack and protobuf decoded), when it decoded. */
  body?: unknown;
  /** A protobuf body decoded without defaults: only what was on the wire (a field at its default is not). */
  present?: unknown;
}

/** The media type Dredd sees for a body decoded from a binary one: `application/msgpack+json`, say. */
export function decodedType(mediaType: string): string {
  return `${mediaType}+json`;
}

/** A `text/*` body (an HTML page): Gavel compares it as text with the spec's example, it cannot check a schema. */
export function isTextType(mediaType: string): boolean {
  return essence(mediaType).startsWith("text/");
}

/** The JSON Schema of a planned transaction's response body, for Gavel; none for a text body. */
export function expectedBodySchema(index: SpecIndex, planned: PlannedTransaction): Record<string, unknown> | undefined {
  if (!planned.mediaType || isTextType(planned.mediaType)) return undefined;
  const schema = responseSchema(index, planned.operation, planned.status, planned.mediaType);
  return schema ? toGavelSchema(schema as Record<string, unknown>, "response") : undefined;
}

/** The Prometheus text exposition format (`GET /metrics`): its samples change with every request. */
export function isMetricsType(mediaType: string): boolean {
  return essence(mediaType) === "text/plain" && /;\s*version=0\.0\.4\b/.test(mediaType);
}

const METRIC_NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\.)*"';
const SAMPLE = new RegExp(
  `^${METRIC_NAME}(?:\\{(?:${LABEL}(?:,${LABEL})*,?)?\\})? (?:[-+]?(?:\\d|\\.)[\\d.e+-]*|[-+]?[Ii]nf|[Nn]a[Nn])(?: -?\\d+)?$`,
);
const COMMENT = new RegExp(
  `^# (?:HELP ${METRIC_NAME} .*|TYPE ${METRIC_NAME} (?:counter|gauge|histogram|summary|untyped))$`,
);

/** The first line of a metrics body that is not in the text exposition format 0.0.4, or undefined. */
export function badExpositionLine(body: string): string | undefined {
  return body.split("\n").find((line) => line !== "" && !COMMENT.test(line) && !SAMPLE.test(line));
}

/**
 * The exact body of a planned text response (`text/html`…): the spec's example, which Gavel compares
 * character by character, so the provider must answer exactly that page. Undefined for other types.
 */
export function expectedTextBody(index: SpecIndex, planned: PlannedTransaction): string | undefined {
  if (!planned.mediaType || !isTextType(planned.mediaType)) return undefined;
  const example = responseExample(index, planned.operation, planned.status, planned.mediaType);
  if (typeof example !== "string") {
    throw new Error(`the ${planned.status} ${planned.mediaType} response has no text example to compare with`);
  }
  return example;
}

/**
 * Makes a response checkable by Dredd, before it validates: gunzips it, checks its media type against
 * the planned one, normalises the Content-Type (charset) to the expected value, and decodes MessagePack and
 * protobuf bodies (protobuf completed with its defaults, as clients read it, and strictly: no unknown field,
 * no field with the wrong wire type) into their JSON text, under the type `<media type>+json` on both
 * sides so Gavel validates the decoded value against `bodySchema`. The outcome carries the body's value
 * and, for protobuf, what was on the wire, for the comparison with the same call's JSON body.
 * A response that should have no body (204, 304) must have none.
 */
export function decodeResponse(target: DreddTransaction, planned: PlannedTransaction, index: SpecIndex): DecodeOutcome {
  const real = target.real;
  const outcome: DecodeOutcome = { gzipped: false, problems: [] };
  if (!real) return outcome;
  let bytes = Buffer.from(real.body ?? "", real.bodyEncoding === "base64" ? "base64" : "utf8");
  if (headerOf(real.headers, "content-encoding")?.toLowerCase() === "gzip") {
    outcome.gzipped = true;
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      outcome.problems.push(`the gzip response body does not gunzip: ${(error as Error).message}`);
      return outcome;
    }
    setHeader(real.headers, "content-encoding", undefined);
  }
  const setBody = (text: string) => {
    real.body = text;
    real.bodyEncoding = "utf-8";
  };
  setBody(bytes.toString("utf8"));
  const expected = planned.mediaType;
  if (!expected) {
    if (bytes.length > 0 && String(real.statusCode) === planned.status) {
      outcome.problems.push(`a ${planned.status} response must have no body, got ${bytes.length} bytes`);
    }
    return outcome;
  }
  const actual = headerOf(real.headers, "content-type");
  if (essence(actual) !== essence(expected)) {
    // Dredd reports the Content-Type (and status) mismatch; a binary body stays as bytes.
    if (BINARY_TYPES.has(essence(actual))) setBody(bytes.toString("base64"));
    return outcome;
  }
  setHeader(real.headers, "content-type", target.expected.headers["Content-Type"] ?? expected);
  if (isMetricsType(expected)) {
    // Its numbers differ at each call: checked line by line here, then compared as the spec's example.
    const bad = badExpositionLine(real.body ?? "");
    if (bad !== undefined) outcome.problems.push(`not the Prometheus text format 0.0.4: ${bad.slice(0, 200)}`);
    else if (target.expected.body !== undefined) setBody(target.expected.body);
    return outcome;
  }
  if (!BINARY_TYPES.has(essence(expected))) {
    const value = essence(expected) === JSON_TYPE ? parsedJson(real.body) : undefined;
    if (value !== undefined) outcome.body = value;
    return outcome;
  }
  const schema = responseSchema(index, planned.operation, planned.status, expected);
  const protobuf = essence(expected) === PROTOBUF_TYPE;
  try {
    // Strict for protobuf: a field the message lacks, or one with the wrong wire type (a varint where a
    // string belongs), fails instead of being skipped and read as its default.
    outcome.body = decodeBody(expected, bytes, schema, true, protobuf);
    if (protobuf) outcome.present = decodeBody(expected, bytes, schema, false);
    setBody(JSON.stringify(outcome.body));
  } catch (error) {
    outcome.problems.push(`the ${expected} response body does not decode: ${(error as Error).message}`);
    setBody(bytes.toString("base64"));
    return outcome;
  }
  setHeader(real.headers, "content-type", decodedType(expected));
  setHeader(target.expected.headers, "Content-Type", decodedType(expected));
  return outcome;
}
