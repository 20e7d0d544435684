export { bearerSchemes, requireScope, securityHook } from "./auth/bearer-auth.ts";
export {
  createTokenVerifier,
  InvalidTokenError,
  type TokenVerifier,
  type TokenVerifierOptions,
  type VerifiedToken,
} from "./auth/token-verifier.ts";
export { FORM_TYPE } from "./body-parsers.ts";
export { type ClientSecretSource, readClientSecret } from "./client-secret.ts";
export { type ConcurrencyLimit, type ConcurrencyLimitOptions, createConcurrencyLimit } from "./concurrency-limit.ts";
export {
  BUS_VARIABLES,
  busName,
  busOptionsOf,
  ConfigError,
  type EnvVar,
  LOG_LEVEL_VARIABLE,
  LOG_LEVELS,
  type LogLevel,
  logLevel,
  port,
  positiveInteger,
  REDIS_VARIABLES,
  readConfig,
  readLogLevel,
  redisKeyPrefix,
  text,
  url,
  withoutTrailingSlashes,
} from "./config.ts";
export {
  CONNECT_RETRY_VARIABLES,
  type ConnectRetry,
  type ConnectWithRetryOptions,
  connectRetryOf,
  connectWithRetry,
  DEFAULT_CONNECT_RETRY,
  isTransientConnectError,
} from "./connect-retry.ts";
export { type CreateAppOptions, createApp } from "./create-app.ts";
export {
  defineErrors,
  type ErrorCatalogue,
  type FieldError,
  KIT_ERR,
  type Problem,
  problemType,
  ServiceError,
  statusTitle,
} from "./errors.ts";
export { ifMatchHolds, noneMatchHits } from "./etag.ts";
export {
  DEFAULT_FLAGS,
  defaultFeatureFlags,
  type FeatureFlags,
  FileFlagProvider,
  type FileFlagProviderOptions,
  FLAG,
  FLAGS_VARIABLES,
  type FlagContext,
  type FlagDefinition,
  type FlagRule,
  type FlagsDocument,
  openFeatureFlags,
  parseFlagsDocument,
  type ReloadOutcome,
  resolveFlag,
} from "./feature-flags.ts";
export { type FeatureFlagsPluginOptions, featureFlagsPlugin } from "./feature-flags-plugin.ts";
export { drainOnClose, requestsInFlight } from "./http-drain.ts";
export { stdoutDestination } from "./log-destination.ts";
export { LOG_FORMAT_VARIABLE, type LogFormat, logDestination, logFormat, prettyStream } from "./log-format.ts";
export {
  createLogger,
  LOGGED_QUERY_PARAMETERS,
  REDACTED,
  redactionOptions,
  redactSecretFields,
  redactText,
  redactUrl,
  SECRET_KEYS,
  withLogRedaction,
} from "./log-redaction.ts";
export { LOG_SPAN, traceFields, traceMixin, withTraceFields } from "./log-trace.ts";
export {
  type AppMetrics,
  type BusMetricsObserver,
  countingVerifier,
  createAppMetrics,
  getMetrics,
  METRIC_DEFINITIONS,
  type MetricDefinition,
  metricsPlugin,
  type OutboundMetricsObserver,
  type OutboundOutcome,
  routingKeyLabel,
} from "./metrics.ts";
export {
  boundedKey,
  type Claim,
  createMemoryOnceStore,
  createOnceStore,
  createRedisOnceStore,
  type MemoryOnceStoreOptions,
  type OnceStore,
  type OnceStoreChoice,
  type OnceStoreOptions,
  type RedisOnceStoreOptions,
} from "./once-store.ts";
export {
  type AnyHandler,
  type HandlerContext,
  type HandlerOutcome,
  type OpenapiRoutesOptions,
  type OperationHooks,
  openapiRoutes,
} from "./openapi-routes.ts";
export {
  createPasswordHasher,
  type DeriveKey,
  defaultPasswordHasher,
  hashPassword,
  type PasswordHasher,
  type PasswordHasherOptions,
  verifyPassword,
} from "./passwords.ts";
export { fieldErrors, sendProblem, toProblem } from "./problem-handler.ts";
export {
  type OperationRateLimit,
  type RateLimitPluginOptions,
  rateLimit,
  requestIp,
  routeRateLimit,
} from "./rate-limit.ts";
export {
  closeRedis,
  connectRedis,
  DEFAULT_REDIS_KEY_PREFIX,
  type RedisPluginOptions,
  redisPlugin,
  type SharedRedis,
} from "./redis.ts";
export { REQUEST_ID_HEADER } from "./request-id.ts";
export { isProbe, PROBE_PATHS, type QuietRouteConfig, RequestLogController } from "./request-logging.ts";
export { type RunMainIo, runMain } from "./run-main.ts";
export {
  appShutdownStep,
  type CloseOnSignalsOptions,
  closeOnSignals,
  type ShutdownLogger,
  type ShutdownStep,
  type SignalHandling,
  type SignalSource,
} from "./shutdown.ts";
export { type ListenOptions, listenFailure, startServer } from "./start-server.ts";
export {
  errorCode,
  errorText,
  failureReason,
  StartupError,
  shownUrl,
  startupFailureLines,
} from "./startup-error.ts";
export { requestTraceContext, traceRequests } from "./trace-http.ts";
export {
  createTracerProvider,
  flushTraces,
  otlpTracesUrl,
  setupTracing,
  TRACING_VARIABLES,
} from "./tracing.ts";
