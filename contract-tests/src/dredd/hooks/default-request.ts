import { JSON_TYPE, type SpecIndex } from "@jeeves/codecs";
import type { PlannedTransaction } from "../plan.ts";
import type { ProviderSession, RequestSpec } from "../providers/types.ts";
import { type ParameterSpec, parametersOf, requestMedia } from "./spec-lookup.ts";

/** A media type no operation offers: the 406 transactions ask for it. */
export const UNACCEPTABLE_TYPE = "text/csv";

/** The body type no operation takes: the 415 transactions send it. */
export const UNSUPPORTED_TYPE = "text/plain";

/** A value no path parameter of ours accepts (not a uuid, nor a Slack id, nor a setting key). */
const INVALID_PARAM = "INVALID!";

function pathParameterNames(path: string): string[] {
  return [...path.matchAll(/\{([^{}]+)\}/g)].map((match) => match[1]);
}

function exampleBody(index: SpecIndex, transaction: PlannedTransaction, contentType: string): unknown {
  const media = requestMedia(index, transaction.operation, contentType);
  if (media?.example !== undefined) return structuredClone(media.example);
  const example = (media?.schema as Record<string, unknown> | undefined)?.example;
  return example === undefined ? {} : structuredClone(example);
}

/** A request body that breaks its schema in the simplest way the schema allows, or undefined. */
function invalidBody(schema: Record<string, unknown> | undefined): unknown {
  if (!schema) return undefined;
  if (Array.isArray(schema.required) && schema.required.length > 0) return {};
  if (typeof schema.minProperties === "number" && schema.minProperties > 0) return {};
  if (schema.additionalProperties === false) return { "x-not-in-the-schema": true };
  return undefined;
}

function invalidQuery(parameter: ParameterSpec): string | undefined {
  const schema = parameter.schema ?? {};
  if (typeof schema.minimum === "number") return String(schema.minimum - 1);
  if (typeof schema.maximum === "number") return String(schema.maximum + 1);
  if (typeof schema.maxLength === "number") return "x".repeat(schema.maxLength + 1);
  if (Array.isArray(schema.enum)) return "not-one-of-the-values";
  if (schema.type === "integer" || schema.type === "number" || schema.type === "boolean") return "not-a-value";
  return undefined;
}

/**
 * Makes a request invalid for its 400 transaction, in the first way the spec allows: a body breaking its
 * schema (missing required properties, no properties, an unknown one), else a path parameter no schema
 * of ours accepts, else a query parameter out of its bounds. Answers false when none applies (the
 * provider's `prepare` must then do it, or the transaction goes into the skip list).
 */
function makeInvalid(index: SpecIndex, transaction: PlannedTransaction, request: RequestSpec): boolean {
  const { operation } = transaction;
  if (operation.requestBody) {
    const type = operation.requestBody.mediaTypes.includes(JSON_TYPE) ? JSON_TYPE : operation.requestBody.mediaTypes[0];
    const body = invalidBody(requestMedia(index, operation, type)?.schema as Record<string, unknown> | undefined);
    if (body !== undefined) {
      request.contentType = type;
      request.body = body;
      return true;
    }
  }
  const parameters = parametersOf(index, operation);
  const pathParameter = parameters.find((p) => p.in === "path" && (p.schema?.format || p.schema?.pattern));
  if (pathParameter) {
    request.params[pathParameter.name] = INVALID_PARAM;
    return true;
  }
  for (const parameter of parameters.filter((p) => p.in === "query")) {
    const value = invalidQuery(parameter);
    if (value !== undefined) {
      request.query[parameter.name] = value;
      return true;
    }
  }
  return false;
}

/**
 * The request a planned transaction makes unless its provider says otherwise. A success or 304 asks for
 * its media type with the right credentials on seeded resources, and sends the spec's example body in that
 * media type (or in the first one the operation takes). Each documented error gets the request that
 * provokes it: 400 an invalid request, 401 no (or wrong) credentials, 403 a token without the operation's
 * scope, 404 ids that name nothing, 406 an Accept nothing matches, 412 a stale If-Match, 415 a text body.
 * Other statuses (409, 503…) need a provider state, which the provider's `prepare` sets up.
 */
export function defaultRequest(
  index: SpecIndex,
  session: ProviderSession,
  transaction: PlannedTransaction,
): RequestSpec {
  const { operation, status, mediaType } = transaction;
  const code = Number(status);
  const success = code >= 200 && code < 400;
  const params: Record<string, string> = {};
  for (const name of pathParameterNames(operation.path)) {
    const value = code === 404 ? session.params.missing[name] : session.params.existing[name];
    if (value === undefined) throw new Error(`the provider gives no ${code === 404 ? "missing" : "seeded"} ${name}`);
    params[name] = value;
  }
  const request: RequestSpec = { params, query: {}, headers: {}, credentials: "valid" };
  request.accept = success ? (mediaType ?? operation.successTypes[0]) : operation.successTypes[0];
  if (operation.requestBody) {
    const takes = operation.requestBody.mediaTypes;
    const type = success && mediaType && takes.includes(mediaType) ? mediaType : takes[0];
    request.contentType = type;
    request.body = exampleBody(index, transaction, type);
  }
  switch (code) {
    case 304:
      request.conditional = { header: "If-None-Match", etag: "latest" };
      break;
    case 400:
      // When no generic way applies, the provider's prepare makes the request invalid.
      makeInvalid(index, transaction, request);
      break;
    case 401:
      request.credentials = "unauthenticated";
      break;
    case 403:
      request.credentials = "insufficient";
      break;
    case 406:
      request.accept = UNACCEPTABLE_TYPE;
      break;
    case 412:
      request.conditional = { header: "If-Match", etag: "stale" };
      break;
    case 415:
      request.contentType = UNSUPPORTED_TYPE;
      request.body = undefined;
      request.rawBody = Buffer.from("this body is in a media type the operation does not take");
      break;
    // 409, 503…: only the provider knows the state that provokes them; its prepare sets them up.
  }
  return request;
}
