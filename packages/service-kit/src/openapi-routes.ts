import {
  decodeBody,
  encodeBody,
  essence,
  filterBySchema,
  JSON_TYPE,
  negotiate,
  type OperationSpec,
  PROTOBUF_TYPE,
  SpecIndex,
} from "@jeeves/codecs";
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
  preHandlerAsyncHookHandler,
  preHandlerHookHandler,
  preParsingAsyncHookHandler,
  preParsingHookHandler,
  preValidationAsyncHookHandler,
  preValidationHookHandler,
  RouteOptions,
} from "fastify";
import openapiGlue from "fastify-openapi-glue";
import fp from "fastify-plugin";
import { bearerSchemes, securityHook } from "./auth/bearer-auth.ts";
import type { TokenVerifier } from "./auth/token-verifier.ts";
import { FORM_TYPE } from "./body-parsers.ts";
import { type FieldError, KIT_ERR } from "./errors.ts";
import { countingVerifier } from "./metrics.ts";
import { shareOpenapiMetaSchemas } from "./openapi-validator-cache.ts";
import { type OperationRateLimit, routeRateLimit } from "./rate-limit.ts";
import { isProbe, type QuietRouteConfig } from "./request-logging.ts";
import type { JeevesRouteConfig } from "./route-spec.ts";
import { illFormedStringAt } from "./well-formed.ts";

/** What every handler gets beside its typed request. */
export interface HandlerContext {
  request: FastifyRequest;
  reply: FastifyReply;
  app: FastifyInstance;
}

/** What a handler returns: a documented status, its body in JSON shape, extra headers. */
export interface HandlerOutcome {
  status: number | string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A handler as the kit calls it; the generated `<Service>Handlers` types are narrower. */
export type AnyHandler = (
  request: { params: unknown; query: unknown; headers: unknown; body: unknown },
  context: HandlerContext,
) => Promise<HandlerOutcome> | HandlerOutcome;

/**
 * A service's own route hooks for one operation, for what the spec cannot say: a webhook's signature
 * over the raw body (`preParsing`), a check of the parsed body (`preValidation`, `preHandler`). They
 * run after the kit's hooks of the same stage.
 */
export interface OperationHooks {
  preParsing?: Array<preParsingHookHandler | preParsingAsyncHookHandler>;
  preValidation?: Array<preValidationHookHandler | preValidationAsyncHookHandler>;
  preHandler?: Array<preHandlerHookHandler | preHandlerAsyncHookHandler>;
  /** A rate limit on the operation (429 beyond it), counted after the kit's hooks of its stage. */
  rateLimit?: OperationRateLimit;
  /**
   * Its request lines are debug lines while it answers below 400 (a poll that another service sends every
   * few seconds); any other answer is still an info line.
   */
  quietRequestLog?: boolean;
}

/** Options of the routes plugin. */
export interface OpenapiRoutesOptions {
  /** The spec (as generated in `@jeeves/generated/specs/<service>`). */
  spec: Record<string, unknown>;
  /** One handler per operationId; type it with the generated `<Service>Handlers<HandlerContext>`. */
  handlers: object;
  /**
   * Verifies bearer tokens for the operations whose `security` names an OAuth 2.0 or bearer scheme.
   * Required when the spec has such operations, so that no service runs them unprotected by mistake.
   */
  verifier?: TokenVerifier;
  /** Extra hooks by operationId (see {@link OperationHooks}); an operationId the spec lacks fails at start-up. */
  hooks?: Record<string, OperationHooks>;
}

declare module "fastify" {
  interface FastifyRequest {
    /** The response media type chosen from `Accept` for this request. */
    responseType?: string;
  }
}

/** A callback hook (no promise per request) from a check that throws the kit's errors. */
function callbackHook(check: (request: FastifyRequest) => void) {
  return (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    try {
      check(request);
    } catch (error) {
      done(error as Error);
      return;
    }
    done();
  };
}

function negotiateHook(operation: OperationSpec) {
  return callbackHook((request) => {
    if (operation.successTypes.length === 0) return;
    const chosen = negotiate(request.headers.accept, operation.successTypes);
    if (!chosen) {
      throw KIT_ERR.NOT_ACCEPTABLE({
        detail: `${operation.operationId} answers ${operation.successTypes.join(", ")}; Accept was ${request.headers.accept}`,
      });
    }
    request.responseType = chosen;
  });
}

/** A body with a string that is not well-formed Unicode (a lone surrogate) answers 400 naming the field. */
function refuseIllFormedStrings(body: unknown): void {
  const field = illFormedStringAt(body, "/body");
  if (field === undefined) return;
  const message = "is not well-formed Unicode (a lone surrogate)";
  throw KIT_ERR.VALIDATION({ detail: `${field} ${message}`, errors: [{ field, message }] });
}

/**
 * Checks the body before validation and before any service hook of that stage: a Content-Type the
 * operation does not take answers 415 (even with no bytes); a required body that is absent, or empty
 * JSON or MessagePack, answers 400 with the field `/body`. A form of no fields is zero bytes, so an
 * operation that takes forms reads an absent body as the empty form `{}` and answers in its own terms
 * (OAuth). A protobuf message whose fields all equal their defaults is zero bytes too: with a protobuf
 * Content-Type, no bytes are that message (then validated like any other body). A string of the body,
 * key or value, that is not well-formed Unicode answers 400 naming its field: UTF-8 (protobuf, the bus,
 * the database) cannot carry it unchanged.
 */
function bodyHook(operation: OperationSpec) {
  const accepted = operation.requestBody?.mediaTypes ?? [];
  const required = operation.requestBody?.required === true;
  const takesForms = accepted.includes(FORM_TYPE);
  return callbackHook((request) => {
    if (accepted.length === 0) return;
    const contentType = request.headers["content-type"];
    if (contentType !== undefined && !accepted.includes(essence(contentType))) {
      throw KIT_ERR.UNSUPPORTED_MEDIA_TYPE({ detail: `${operation.operationId} takes ${accepted.join(", ")}` });
    }
    if (request.body !== undefined) return refuseIllFormedStrings(request.body);
    if (contentType !== undefined && essence(contentType) === PROTOBUF_TYPE) {
      // fastify runs no parser without Content-Length or Transfer-Encoding: the same zero bytes.
      try {
        request.body = decodeBody(PROTOBUF_TYPE, new Uint8Array(0), operation.requestBody?.schema, true, true);
      } catch (error) {
        throw KIT_ERR.MALFORMED_BODY({ detail: (error as Error).message, cause: error });
      }
      return;
    }
    if (takesForms) request.body = {};
    else if (required) {
      const errors: FieldError[] = [{ field: "/body", message: "is required" }];
      throw KIT_ERR.VALIDATION({ detail: "/body is required", errors });
    }
  });
}

function wrap(index: SpecIndex, operation: OperationSpec, handler: AnyHandler) {
  return async function route(this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
    const outcome = await handler(
      { params: request.params, query: request.query, headers: request.headers, body: request.body },
      { request, reply, app: this },
    );
    const status = Number(outcome.status);
    reply.code(status);
    if (outcome.headers) reply.headers(outcome.headers);
    if (outcome.body === undefined) return reply.send();
    const response = index.response(operation, status);
    const offered = response?.mediaTypes ?? [];
    const type =
      request.responseType && offered.includes(request.responseType)
        ? request.responseType
        : (negotiate(request.headers.accept, offered) ?? offered[0] ?? JSON_TYPE);
    const schema = response?.schema;
    // JSON goes out as the string it is (no copy into a Buffer); the other encodings as their bytes.
    const serialize =
      type === JSON_TYPE
        ? (payload: unknown) => JSON.stringify(filterBySchema(payload, schema))
        : (payload: unknown) => encodeBody(type, payload, schema);
    return reply
      .type(type.startsWith("text/") ? `${type}; charset=utf-8` : type)
      .serializer(serialize as (payload: unknown) => string)
      .send(outcome.body);
  };
}

/** Every media type a spec's operations take or answer. */
function mediaTypesOf(spec: Record<string, unknown>): Set<string> {
  const types = new Set<string>();
  const paths = (spec.paths ?? {}) as Record<string, Record<string, unknown>>;
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item ?? {}) as { requestBody?: unknown; responses?: unknown }[]) {
      if (typeof operation !== "object" || operation === null) continue;
      const bodies = [operation.requestBody, ...Object.values((operation.responses ?? {}) as object)];
      for (const body of bodies as { content?: Record<string, unknown> }[]) {
        for (const type of Object.keys(body?.content ?? {})) types.add(type);
      }
    }
  }
  return types;
}

// openapi-glue validates each spec with a fresh validator: share its compiled meta-schema (start-up time).
shareOpenapiMetaSchemas();

function textBody(_request: FastifyRequest, body: string | Buffer, done: (error: null, value: string) => void) {
  done(null, body.toString());
}

/**
 * Registers the spec's routes through fastify-openapi-glue with the typed handler table: requests are
 * validated by the spec, `Accept` is negotiated (406 when nothing fits), body media types are checked
 * (415), a required body must be there (400), and responses are filtered by their schema and encoded
 * as JSON, MessagePack or protobuf.
 */
export const openapiRoutes = fp(
  async (app: FastifyInstance, options: OpenapiRoutesOptions) => {
    const index = new SpecIndex(options.spec);
    const handlers = options.handlers as Record<string, AnyHandler>;
    const missing = [...index.byId.keys()].filter((id) => typeof handlers[id] !== "function");
    if (missing.length > 0) throw new Error(`no handler for ${missing.join(", ")}`);
    const bearer = bearerSchemes(options.spec);
    const guarded = [...index.byId.values()].some((op) =>
      op.security.some((r) => Object.keys(r).some((s) => bearer.has(s))),
    );
    if (guarded && !options.verifier)
      throw new Error("the spec protects operations with bearer tokens: pass a verifier");
    // Verifications are counted in the app's metrics (createApp's), when it has them.
    const verifier =
      options.verifier && app.hasDecorator("metrics")
        ? countingVerifier(options.verifier, app.metrics)
        : options.verifier;
    const extraHooks = options.hooks ?? {};
    const unknown = Object.keys(extraHooks).filter((id) => !index.byId.has(id));
    if (unknown.length > 0) throw new Error(`hooks for operations the spec does not have: ${unknown.join(", ")}`);
    if (Object.values(extraHooks).some((hooks) => hooks.rateLimit) && !app.hasDecorator("createRateLimit")) {
      throw new Error("rate limits need the kit's rate limit plugin (createApp registers it)");
    }
    // openapi-glue warns about every media type of the spec without a parser, answers' included (a
    // text/html page): read such bodies as text; an operation that does not take them still answers 415.
    for (const type of mediaTypesOf(options.spec)) {
      if (!app.hasContentTypeParser(type)) app.addContentTypeParser(type, { parseAs: "string" }, textBody);
    }
    await app.register(openapiGlue, {
      specification: structuredClone(options.spec),
      operationResolver: ((operationId: string) => {
        const operation = index.operation(operationId);
        const extra = extraHooks[operationId] ?? {};
        const config: JeevesRouteConfig & QuietRouteConfig & { rateLimit?: ReturnType<typeof routeRateLimit> } = {
          jeeves: { operation, index },
          ...(extra.rateLimit ? { rateLimit: routeRateLimit(extra.rateLimit) } : {}),
          // Probes (GET /health, /ready, /metrics) are always quiet: polled while the service is idle.
          ...(extra.quietRequestLog || isProbe(operation) ? { quietRequestLog: true } : {}),
        };
        const hooks = [negotiateHook(operation)];
        if (verifier) hooks.unshift(securityHook(operation, bearer, verifier));
        return {
          config,
          onRequest: hooks,
          // Kit hooks first: a service hook never sees a request the kit refuses at the same stage.
          ...(extra.preParsing?.length ? { preParsing: [...extra.preParsing] } : {}),
          preValidation: [bodyHook(operation), ...(extra.preValidation ?? [])],
          ...(extra.preHandler?.length ? { preHandler: [...extra.preHandler] } : {}),
          handler: wrap(index, operation, handlers[operationId]),
        } as unknown as RouteOptions;
      }) as never,
    });
  },
  { name: "jeeves-openapi-routes", dependencies: ["jeeves-problem-handler", "jeeves-body-parsers"] },
);
