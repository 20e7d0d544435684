import compress from "@fastify/compress";
import { MSGPACK_TYPE, PROBLEM_TYPE, PROTOBUF_TYPE } from "@jeeves/codecs";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { bodyParsers } from "./body-parsers.ts";
import { readLogLevel } from "./config.ts";
import { docs } from "./docs.ts";
import { KIT_ERR } from "./errors.ts";
import { clientErrorHandler, frameworkErrors, requireHost } from "./framework-errors.ts";
import { drainOnClose } from "./http-drain.ts";
import { logDestination } from "./log-format.ts";
import { withLogRedaction } from "./log-redaction.ts";
import { metricsPlugin } from "./metrics.ts";
import { withTraceFields } from "./log-trace.ts";
import { problemHandler } from "./problem-handler.ts";
import { type RateLimitPluginOptions, rateLimit } from "./rate-limit.ts";
import { type RedisPluginOptions, redisPlugin } from "./redis.ts";
import { requestId, requestIdHeader } from "./request-id.ts";
import { RequestLogController } from "./request-logging.ts";
import { traceRequests } from "./trace-http.ts";
import { setupTracing } from "./tracing.ts";
import { partValidators } from "./validators.ts";

/** Options of a service's fastify app. */
export interface CreateAppOptions {
  /** The service's name, in every log line. */
  name: string;
  /** The service's spec, served at /docs. */
  spec: Record<string, unknown>;
  /** The running TokenDealer's URL: the OAuth `tokenUrl`s of the spec served at /docs point at it. */
  tokenDealerUrl?: string;
  /**
   * pino options, or false for no logs (tests); default: JSON logs on standard output (written
   * asynchronously, see stdoutDestination; pino-pretty's lines on a terminal or with LOG_FORMAT=pretty,
   * see logFormat) at `LOG_LEVEL` or info (a ConfigError when it is not a level). Every line carries
   * `trace_id` and `span_id` when a span is active (see traceMixin).
   */
  logger?: FastifyServerOptions["logger"];
  /** Responses above this many bytes are compressed when the client accepts it. Default 1024. */
  compressThreshold?: number;
  /** Largest request body, after decompression. Default 1 MiB. */
  bodyLimit?: number;
  /** Where the operations' rate limits count (Redis when `redisUrl` is set, else memory). */
  rateLimit?: RateLimitPluginOptions;
  /**
   * The service's Redis (`REDIS_URL`, `REDIS_KEY_PREFIX`): `app.redis` (see redisPlugin), the rate limits
   * count in it too (unless `rateLimit.redisUrl` names another). Unset: `app.redis` is null.
   */
  redis?: RedisPluginOptions;
}

/** Given pino options with `service` in every line (their own `base` fields kept beside it). */
function withServiceName(logger: FastifyServerOptions["logger"], name: string): FastifyServerOptions["logger"] {
  if (!logger) return logger;
  const given = (logger === true ? {} : logger) as { base?: Record<string, unknown> | null };
  if (given.base === null) return logger;
  return { ...given, base: { service: name, ...given.base } } as FastifyServerOptions["logger"];
}

/** What fastify serialises an answer with when the kit did not choose (no route schema is compiled). */
const jsonSerializer = (data: unknown): string => JSON.stringify(data);

const COMPRESSIBLE = new Set(["application/json", PROBLEM_TYPE, MSGPACK_TYPE, PROTOBUF_TYPE]);

/**
 * Creates a fastify app with what every Jeeves service shares: JSON logs with request ids, strict
 * validation (unknown properties rejected), the problem error handler (set before any route), body
 * parsers for the three encodings, gzip both ways, rate limits (for the operations that ask for one)
 * and the docs. Routes come from `openapiRoutes`.
 */
export async function createApp(options: CreateAppOptions): Promise<FastifyInstance> {
  // Once per process (the one-process suite runs six services): spans, W3C propagation, OTLP if asked.
  setupTracing(options.name);
  const app = Fastify({
    // Secrets in URLs, headers and fields are redacted in every line (log-redaction.ts); trace ids added.
    logger: withTraceFields(
      withLogRedaction(
        options.logger === undefined
          ? { level: readLogLevel(), base: { service: options.name }, stream: logDestination() }
          : withServiceName(options.logger, options.name),
      ),
    ),
    genReqId: requestId,
    // One info line per request (incoming at debug); a route marked quietRequestLog (a poll) logs its successful requests at debug.
    logController: new RequestLogController({ requestIdLogLabel: "request_id" }),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // A first start generates a signing key or migrates a database: on a loaded machine that can take
    // longer than fastify's 10 s, which would fail the start for no fault of its own. Still bounded.
    pluginTimeout: 60_000,
    ajv: {
      customOptions: {
        removeAdditional: false,
        coerceTypes: "array",
        useDefaults: true,
        allErrors: true,
        strict: false,
      },
    },
    // Query strings, path parameters and headers are coerced; bodies are not (see partValidators).
    schemaController: { compilersFactory: { buildValidator: partValidators() } },
    frameworkErrors,
    clientErrorHandler,
    return503OnClosing: true,
    // node would answer a request without Host with a bare 400; the kit's hook answers a problem instead.
    http: { requireHostHeader: false },
  });
  // Every answer of a spec's route (and every problem) is encoded by the kit with its own serializer
  // (openapi-routes.ts, problem-handler.ts): fastify's compiled response serializers would go unused, so
  // none is compiled (fast-json-stringify for each response schema of each route: start-up time, memory).
  app.setSerializerCompiler(() => jsonSerializer);
  // On close, requests in flight finish and their connections close at once (no keep-alive wait).
  drainOnClose(app);
  await app.register(problemHandler);
  // `app.metrics` and the request histogram (metrics.ts), before any route.
  await app.register(metricsPlugin);
  await app.register(requestIdHeader);
  // A server span per request, continuing the caller's `traceparent` (trace-http.ts).
  await app.register(traceRequests, { service: options.name });
  app.addHook("onRequest", requireHost);
  await app.register(bodyParsers);
  await app.register(compress, {
    global: true,
    threshold: options.compressThreshold ?? 1024,
    encodings: ["gzip", "deflate"],
    requestEncodings: ["gzip", "deflate"],
    customTypes: (type: string) => COMPRESSIBLE.has(type.split(";")[0].trim()),
    // @fastify/compress 9 passes the encoding first.
    onUnsupportedRequestEncoding: (encoding) =>
      KIT_ERR.UNSUPPORTED_MEDIA_TYPE({
        detail: `Content-Encoding ${encoding.slice(0, 40)} is not supported; use gzip or deflate`,
      }),
    onInvalidRequestPayload: (encoding, _request, error) =>
      KIT_ERR.MALFORMED_BODY({ detail: `body is not valid ${encoding}: ${error.message}` }),
  });
  await app.register(redisPlugin, options.redis ?? {});
  await app.register(rateLimit, { redis: app.redis?.client, ...options.rateLimit });
  await app.register(docs, { spec: options.spec, name: options.name, tokenDealerUrl: options.tokenDealerUrl });
  return app;
}
