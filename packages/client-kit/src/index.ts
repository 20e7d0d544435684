export { authMiddleware } from "./auth-middleware.ts";
export { codecMiddleware } from "./codec-middleware.ts";
export { type ClientOptions, createClient, type JeevesClient } from "./create-client.ts";
export { decodeResponse } from "./decode-response.ts";
export { encodeRequest } from "./encode-request.ts";
export { gunzip, gzip, isGzip } from "./gzip.ts";
export {
  type OutboundObserver,
  type OutboundOutcome,
  observedFetch,
  outcomeOfError,
  outcomeOfStatus,
} from "./outbound-metrics.ts";
export { closePooledConnections, outboundConnectionsStep, pooledFetch, pooledRequest } from "./pooled-fetch.ts";
export {
  createTokenExchange,
  TOKEN_EXCHANGE_GRANT,
  type TokenExchange,
  type TokenExchangeOptions,
  USER_ID_TOKEN_TYPE,
} from "./token-exchange.ts";
export {
  createTokenProvider,
  type TokenProvider,
  type TokenProviderOptions,
  TokenRequestError,
} from "./token-provider.ts";
export { type RequestFetch, tracedFetch, tracedUrlFetch, type UrlFetch } from "./trace-propagation.ts";
export { UndeclaredPropertyError } from "./undeclared-property-error.ts";
export { acceptHeader, type WireSettings, wireSettings } from "./wire-settings.ts";
