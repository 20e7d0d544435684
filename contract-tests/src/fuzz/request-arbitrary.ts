import { decodeMsgpack, JSON_TYPE, MSGPACK_TYPE, PROBLEM_TYPE, PROTOBUF_TYPE } from "@jeeves/codecs";
import fc from "fast-check";
import { arbitraryFor } from "../property/arbitrary-for.ts";
import { brokenBytes, encodeAs, encodings, FORM_TYPE, garbageFor, wrongContentTypes } from "./body-bytes.ts";
import { type BodyValue, bodyValues, validBodies } from "./body-values.ts";
import { badCredentials, type FuzzCredentials, goodCredentials } from "./credentials.ts";
import type { FuzzRequest } from "./fuzz-request.ts";
import type { FuzzParameter, FuzzTarget } from "./targets.ts";
import { hugeString, oddString } from "./values.ts";

/** What the generator knows of the running service. */
export interface FuzzContext {
  /** Path parameter values of seeded resources, and values that name nothing. */
  params: { existing: Record<string, string>; missing: Record<string, string> };
  credentials: FuzzCredentials;
  /** Whether a body in JSON shape is valid for the operation (strict: no coercion, formats not checked). */
  validBody(target: FuzzTarget, value: unknown): boolean;
  /** False when requests go over HTTP: a Content-Length that lies would only make the server wait. */
  inject: boolean;
  /** The methods the spec defines on each path template (the `method` category tries the others). */
  methodsByPath: Map<string, Set<string>>;
}

/** The parts of a request before assembly; each category replaces one of them with a broken one. */
interface Parts {
  category: string;
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body?: { bytes: Buffer; contentType?: string; contentEncoding?: string; plain: Buffer; invalid?: boolean };
  /** Signature variant for signed operations (`valid`, or what is wrong). */
  signature: "valid" | "missing" | "wrong" | "stale" | "malformed";
}

const ODD_ACCEPT = [
  "text/html",
  "application/xml",
  "image/png",
  "application/problem+json",
  "application/*",
  "*/*;q=0",
  "application/json;q=0",
  "application/json;q=0, */*;q=0",
  "application/json;q=abc",
  "application/msgpack;q=0.5, application/json;q=0.9",
  "application/x-protobuf;q=1.5",
  ";;;",
  ",,,",
  "*",
  "/",
  "application/json; charset=utf-16",
  "APPLICATION/JSON",
  "\u00ff\u00fe",
  Array.from({ length: 200 }, (_, i) => `type${i}/sub${i};q=0.${i % 10}`).join(", "),
  `${"a".repeat(5000)}/json`,
];

/** Strings with which a path parameter tests the router and the validators (already in URL form). */
const PATH_TRICKS = [
  "",
  "%2F",
  "a%2Fb",
  "..",
  "%2e%2e",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "%zz",
  "%",
  "%E0%A4%A",
  "%00",
  "%C0%AF",
  "%F0%9F%98%80",
  "x".repeat(101),
  "x".repeat(5_000),
  "null",
  "undefined",
  "-1",
  "0",
  "%7B%7D",
  "__proto__",
  "00000000-0000-0000-0000-000000000000",
  "0190B8A2-7C1E-7D4A-9F3E-5B2A1C0D9E8F",
  "%7B0190b8a2-7c1e-7d4a-9f3e-5b2a1c0d9e8f%7D",
];

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"];

function stringOf(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** A valid value of a parameter: a seeded one, one naming nothing, or one generated from its schema. */
function validParameter(parameter: FuzzParameter, context: FuzzContext): fc.Arbitrary<string> {
  const generated = arbitraryFor(parameter.schema).map(stringOf);
  const known = [context.params.existing[parameter.name], context.params.missing[parameter.name]].filter(
    (value): value is string => value !== undefined,
  );
  if (known.length === 0) return generated;
  return fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...known) }, { weight: 2, arbitrary: generated });
}

function queryString(pairs: Array<[string, string]>): string {
  const search = new URLSearchParams(pairs).toString();
  return search ? `?${search}` : "";
}

function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^{}]+)\}/g, (_, name: string) => values[name] ?? "x");
}

/** JSON-shaped view of what the server will decode from a JSON or MessagePack body, for the schema check. */
function decoded(contentType: string, bytes: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    if (contentType === MSGPACK_TYPE) return { ok: true, value: decodeMsgpack(bytes) };
    if (contentType === JSON_TYPE || contentType === PROBLEM_TYPE) {
      return { ok: true, value: JSON.parse(bytes.toString("utf8")) };
    }
  } catch {
    return { ok: false };
  }
  return { ok: false };
}

/**
 * A body for the operation in one of its media types: the value encoded, and whether the server's
 * decoding of it breaks the schema (JSON and MessagePack only: protobuf and forms cannot carry a wrong
 * type, so no verdict there).
 */
function encodedBody(target: FuzzTarget, context: FuzzContext, value: BodyValue, mediaType: string) {
  const body = target.body;
  if (!body) return undefined;
  let bytes: Buffer;
  let category = value.category;
  try {
    bytes = encodeAs(mediaType, value.value, body.protoMessage);
  } catch {
    // protobufjs refuses the value (a wrong type it cannot convert): send its JSON as protobuf, garbage.
    bytes = encodeAs(JSON_TYPE, value.value);
    category = `${category}-as-garbage`;
  }
  const view = decoded(mediaType, bytes);
  const invalid = view.ok ? !context.validBody(target, view.value) : undefined;
  return { category, bytes, contentType: mediaType, plain: bytes, invalid };
}

/** The media types a body is fuzzed in: the operation's own (JSON-shaped first), and MessagePack when it takes it. */
function bodyTypes(target: FuzzTarget): string[] {
  return target.body?.mediaTypes.filter((t) => [JSON_TYPE, MSGPACK_TYPE, PROTOBUF_TYPE, FORM_TYPE].includes(t)) ?? [];
}

/** A valid request's parts: right credentials, parameters, Accept and body. */
function validParts(target: FuzzTarget, context: FuzzContext): fc.Arbitrary<Parts> {
  const pathParameters = target.parameters.filter((p) => p.in === "path");
  const queryParameters = target.parameters.filter((p) => p.in === "query");
  const types = bodyTypes(target);
  const body =
    target.body && types.length > 0
      ? fc
          .tuple(validBodies(target.body.schema, target.body.examples), fc.constantFrom(...types))
          .map(([value, type]) => encodedBody(target, context, { category: "valid", value }, type))
      : fc.constant(undefined);
  return fc
    .record({
      path: fc.tuple(...pathParameters.map((p) => validParameter(p, context).map(encodeURIComponent))),
      query: fc.tuple(
        ...queryParameters.map((p) =>
          p.required
            ? validParameter(p, context).map((v) => [v])
            : fc.option(validParameter(p, context), { nil: undefined }).map((v) => (v === undefined ? [] : [v])),
        ),
      ),
      accept: fc.option(fc.constantFrom("*/*", ...target.successTypes), { nil: undefined }),
      credentials: goodCredentials(target, context.credentials),
      body,
    })
    .map(({ path, query, accept, credentials, body: encoded }) => {
      const values = Object.fromEntries(pathParameters.map((p, i) => [p.name, path[i]]));
      const pairs = queryParameters.flatMap((p, i) => query[i].map((v): [string, string] => [p.name, v]));
      const headers: Record<string, string> = { ...credentials.headers };
      if (accept) headers.accept = accept;
      return {
        category: "valid",
        method: target.method,
        path: fillPath(target.path, values),
        query: queryString(pairs),
        headers,
        body: encoded,
        signature: "valid" as const,
      };
    });
}

/** Replaces one part of a valid request with what `breaker` makes of it. */
function breaking<T>(
  target: FuzzTarget,
  context: FuzzContext,
  broken: fc.Arbitrary<T>,
  apply: (parts: Parts, value: T) => Parts,
): fc.Arbitrary<Parts> {
  return fc.tuple(validParts(target, context), broken).map(([parts, value]) => apply(parts, value));
}

function bodyCategories(target: FuzzTarget, context: FuzzContext) {
  const body = target.body;
  const types = bodyTypes(target);
  if (!body || types.length === 0) return [];
  const jsonLike = types.filter((t) => t !== PROTOBUF_TYPE);
  const mutated = fc
    .tuple(bodyValues(body.schema, body.examples), fc.constantFrom(...(jsonLike.length > 0 ? jsonLike : types)))
    .map(([value, type]) => encodedBody(target, context, value, type));
  const withPlain = (parts: Parts, bytes: Buffer, category: string, contentType?: string): Parts => ({
    ...parts,
    category,
    body: { bytes, plain: bytes, contentType: contentType ?? parts.body?.contentType },
  });
  return [
    {
      weight: 24,
      arbitrary: breaking(target, context, mutated, (parts, encoded) => ({
        ...parts,
        category: encoded?.category ?? "valid",
        body: encoded,
      })),
    },
    {
      weight: 6,
      arbitrary: fc
        .tuple(validParts(target, context), fc.constantFrom(...types))
        .chain(([parts, type]) =>
          garbageFor(type, body.protoMessage).map((bytes) => withPlain(parts, bytes, `garbage-${short(type)}`, type)),
        ),
    },
    {
      weight: 6,
      arbitrary: validParts(target, context).chain((parts) =>
        brokenBytes(parts.body?.bytes ?? Buffer.alloc(0)).map((bytes) =>
          withPlain(parts, bytes, `truncated-${short(parts.body?.contentType ?? "")}`),
        ),
      ),
    },
    {
      weight: 4,
      arbitrary: validParts(target, context).chain((parts) =>
        wrongContentTypes(parts.body?.contentType ?? JSON_TYPE).map((contentType) => ({
          ...parts,
          category: "content-type",
          body: parts.body ? { ...parts.body, contentType, invalid: undefined } : undefined,
        })),
      ),
    },
    {
      weight: 6,
      arbitrary: validParts(target, context).chain((parts) =>
        encodings(parts.body?.plain ?? Buffer.alloc(0)).map(({ category, contentEncoding, bytes }) => ({
          ...parts,
          category,
          body: parts.body ? { ...parts.body, bytes, contentEncoding, invalid: parts.body.invalid } : undefined,
        })),
      ),
    },
    {
      weight: 4,
      arbitrary: breaking(
        target,
        context,
        fc.constantFrom<"none" | "empty" | "empty-typed" | "length-zero">(
          "none",
          "empty",
          "empty-typed",
          "length-zero",
        ),
        (parts, how) => {
          const type = parts.body?.contentType;
          const empty = Buffer.alloc(0);
          if (how === "none") return { ...parts, category: "no-body", body: undefined };
          if (how === "empty") return { ...parts, category: "no-body", body: { bytes: empty, plain: empty } };
          if (how === "empty-typed") {
            return { ...parts, category: "no-body", body: { bytes: empty, plain: empty, contentType: type } };
          }
          return {
            ...parts,
            category: "no-body",
            headers: { ...parts.headers, "content-length": "0" },
            body: { bytes: empty, plain: empty, contentType: type },
          };
        },
      ),
    },
  ];
}

function short(type: string): string {
  if (type === MSGPACK_TYPE) return "msgpack";
  if (type === PROTOBUF_TYPE) return "protobuf";
  if (type === FORM_TYPE) return "form";
  return "json";
}

function requestCategories(target: FuzzTarget, context: FuzzContext) {
  const options: Array<{ weight: number; arbitrary: fc.Arbitrary<Parts> }> = [
    { weight: 12, arbitrary: validParts(target, context) },
    {
      weight: 4,
      arbitrary: breaking(target, context, fc.constantFrom(...ODD_ACCEPT), (parts, accept) => ({
        ...parts,
        category: "accept",
        headers: { ...parts.headers, accept },
      })),
    },
    {
      weight: 2,
      arbitrary: breaking(
        target,
        context,
        fc.constantFrom(...METHODS.filter((m) => !context.methodsByPath.get(target.path)?.has(m))),
        (parts, method) => ({
          ...parts,
          category: "method",
          method,
        }),
      ),
    },
    {
      weight: 4,
      arbitrary: breaking(
        target,
        context,
        fc.oneof(
          fc.constantFrom(
            (path: string) => `${path}/`,
            (path: string) => `/${path}`,
            (path: string) => path.toUpperCase(),
            (path: string) => `${path};jsessionid=1`,
            (path: string) => `${path}%20`,
            (path: string) => `${path}/extra`,
            (path: string) => `/api${path}`,
            (path: string) => path.replaceAll("/", "//"),
            (path: string) => `${path}%00`,
          ),
          fc.constantFrom(...PATH_TRICKS).map((trick) => (path: string) => {
            const segments = path.split("/");
            segments[segments.length - 1] = trick;
            return segments.join("/");
          }),
          fc.constantFrom(...PATH_TRICKS).map((trick) => (path: string) => `${path}/${trick}`),
        ),
        (parts, trick) => ({ ...parts, category: "path", path: trick(parts.path) }),
      ),
    },
    {
      weight: 4,
      arbitrary: breaking(
        target,
        context,
        fc.oneof(
          fc.constantFrom(
            "&&&",
            "?",
            "=",
            "%zz=1",
            "a[]=1&a[]=2",
            "__proto__[x]=1",
            "constructor[prototype][x]=1",
            "x=%E0%A4%A",
          ),
          fc
            .tuple(
              fc.constantFrom(
                ...target.parameters.filter((p) => p.in === "query").map((p) => p.name),
                "limit",
                "unknown",
              ),
              fc.oneof(oddString, hugeString),
            )
            .map(([name, value]) => new URLSearchParams([[name, value]]).toString()),
          fc
            .constantFrom(...target.parameters.filter((p) => p.in === "query").map((p) => p.name), "x")
            .map((name) => `${name}=a&${name}=b&${name}[]=c&${name}[k]=d`),
        ),
        (parts, extra) => ({
          ...parts,
          category: "query",
          query: parts.query ? `${parts.query}&${extra}` : `?${extra}`,
        }),
      ),
    },
    {
      weight: 2,
      arbitrary: breaking(
        target,
        context,
        fc.constantFrom<Record<string, string>>(
          { "if-none-match": "x".repeat(5000) },
          { "if-none-match": '"', "if-match": "*,,," },
          { "if-match": '"stale"' },
          { "x-request-id": "../../\u00ff" },
          { "x-request-id": "x".repeat(200) },
          { "content-type": "application/json" },
          { "transfer-encoding": "chunked" },
          { "x-forwarded-for": "not-an-ip" },
          { "accept-encoding": "br;q=1, gzip;q=0, identity;q=0" },
          { "accept-encoding": "\u00ff" },
          { "accept-encoding": "*;q=0" },
          { "accept-charset": "utf-16" },
          { host: "" },
          { "x-slack-retry-num": "x".repeat(50) },
        ),
        (parts, headers) => ({ ...parts, category: "headers", headers: { ...parts.headers, ...headers } }),
      ),
    },
  ];
  if (!target.body) {
    options.push({
      weight: 2,
      arbitrary: breaking(target, context, fc.jsonValue({ maxDepth: 2 }), (parts, value) => {
        const bytes = Buffer.from(JSON.stringify(value) ?? "null");
        return { ...parts, category: "unexpected-body", body: { bytes, plain: bytes, contentType: JSON_TYPE } };
      }),
    });
  }
  if (context.inject && target.body) {
    options.push({
      weight: 1,
      arbitrary: breaking(target, context, fc.constantFrom("99999", "-1", "abc", "1, 2"), (parts, length) => ({
        ...parts,
        category: "content-length",
        headers: { ...parts.headers, "content-length": length },
      })),
    });
  }
  const bad = badCredentials(target, context.credentials);
  if (target.guard.kind === "bearer" || target.guard.kind === "basic") {
    options.push({
      weight: 8,
      arbitrary: breaking(target, context, bad, (parts, credentials) => {
        const headers = { ...parts.headers };
        delete headers.authorization;
        return { ...parts, category: credentials.category, headers: { ...headers, ...credentials.headers } };
      }),
    });
  }
  if (target.guard.kind === "signature") {
    options.push({
      weight: 6,
      arbitrary: breaking(
        target,
        context,
        fc.constantFrom<Parts["signature"]>("missing", "wrong", "stale", "malformed"),
        (parts, signature) => ({ ...parts, category: `signature:${signature}`, signature }),
      ),
    });
  }
  return [...options, ...bodyCategories(target, context)];
}

/** Signature headers for the final plain bytes of a signed operation's body. */
function signatureHeaders(parts: Parts, context: FuzzContext): Record<string, string> {
  const sign = context.credentials.sign;
  if (!sign || parts.signature === "missing") return {};
  const headers = sign(parts.body?.plain ?? Buffer.alloc(0), parts.signature !== "wrong");
  const timestampName = Object.keys(headers).find((name) => /timestamp/i.test(name));
  if (timestampName && parts.signature === "stale")
    headers[timestampName] = String(Math.floor(Date.now() / 1000) - 3600);
  if (timestampName && parts.signature === "malformed") headers[timestampName] = "1e10";
  return headers;
}

/** Puts the parts together into what is sent. */
function assemble(target: FuzzTarget, context: FuzzContext, parts: Parts): FuzzRequest {
  const headers: Record<string, string> = { ...parts.headers };
  if (target.guard.kind === "signature") Object.assign(headers, signatureHeaders(parts, context));
  if (parts.body?.contentType !== undefined) headers["content-type"] = parts.body.contentType;
  if (parts.body?.contentEncoding !== undefined) headers["content-encoding"] = parts.body.contentEncoding;
  return {
    category: parts.category,
    operationId: target.operationId,
    method: parts.method,
    url: `${parts.path}${parts.query}`,
    headers,
    body: parts.body?.bytes,
    invalidBody: parts.body?.invalid === true && parts.body.contentEncoding === undefined ? true : undefined,
  };
}

/** Requests for one operation: valid ones, and ones broken in one part each (see the README's list). */
export function requestArbitrary(target: FuzzTarget, context: FuzzContext): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(...requestCategories(target, context)).map((parts) => assemble(target, context, parts));
}
