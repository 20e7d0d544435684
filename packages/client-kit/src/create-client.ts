import type { Encoding } from "@jeeves/codecs";
import createFetchClient, { type Client } from "openapi-fetch";
import { authMiddleware } from "./auth-middleware.ts";
import { codecMiddleware } from "./codec-middleware.ts";
import { pooledFetch } from "./pooled-fetch.ts";
import type { TokenProvider } from "./token-provider.ts";
import { tracedFetch } from "./trace-propagation.ts";
import { wireSettings } from "./wire-settings.ts";

/** What `createClient` needs: the spec, where the service is, and how to talk to it. */
export interface ClientOptions {
  /** The OpenAPI document (e.g. `spec` of `@jeeves/generated/specs/<service>`). */
  spec: Record<string, unknown>;
  /** The service's root URL, e.g. `http://localhost:3001`. */
  baseUrl: string;
  /** The wire encoding of bodies; `data` and `error` are JSON-shaped whatever it is. Default json. */
  encoding?: Encoding;
  /** gzip request bodies and ask for gzip responses. Default false. */
  gzip?: boolean;
  /** The fetch to send requests with (default {@link pooledFetch}), e.g. `fetchFromInject(app)`. */
  fetch?: (input: Request) => Promise<Response>;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Bearer tokens for every request (see `createTokenProvider`); a 401 renews the token and retries once. */
  auth?: TokenProvider;
}

/**
 * A typed client of a Jeeves spec: openapi-fetch's client whose `data` and `error` are the JSON
 * shapes of the spec (`application/json` bodies, `application/problem+json` errors).
 */
export type JeevesClient<Paths extends {}> = Client<Paths, `${string}/${string}json`>;

/**
 * Creates a typed client of a Jeeves service. Call it as openapi-fetch's:
 * `client.GET("/users/{userId}", { params: { path: { userId } } })` answers `{ data, error, response }`
 * in JSON shape, while bodies travel as JSON, MessagePack or protobuf, gzip-compressed or not.
 */
export function createClient<Paths extends {}>(options: ClientOptions): JeevesClient<Paths> {
  const settings = wireSettings(options.encoding, options.gzip);
  // Each call in a client span whose traceparent goes along (trace-propagation.ts).
  const fetch = tracedFetch(options.fetch ?? pooledFetch);
  const client = createFetchClient<Paths, `${string}/${string}json`>({
    baseUrl: options.baseUrl,
    headers: options.headers,
    fetch,
  });
  client.use(codecMiddleware(options.spec, settings));
  if (options.auth) client.use(authMiddleware(options.auth, fetch));
  return client;
}
