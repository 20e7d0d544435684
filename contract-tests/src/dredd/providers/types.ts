import type { FastifyInstance } from "fastify";
import type { PlannedTransaction } from "../plan.ts";

/** How a transaction's request is made, before the hooks write it into Dredd's transaction. */
export interface RequestSpec {
  /** Path parameters by name (`userId`), written into the path template. */
  params: Record<string, string>;
  query: Record<string, string>;
  /** Extra request headers. */
  headers: Record<string, string>;
  /** The body in JSON shape, encoded in `contentType` (JSON, MessagePack, protobuf or a form). */
  body?: unknown;
  /** A body sent as is (the 415 transactions send text). */
  rawBody?: Buffer;
  /** The request body's media type. */
  contentType?: string;
  /** The Accept header; undefined sends none. */
  accept?: string;
  /** Which credentials go with the request: the right ones, none or wrong ones (401), too few scopes (403). */
  credentials: "valid" | "unauthenticated" | "insufficient";
  /** A conditional header filled from the ETags seen for this resource: the latest (304) or a stale one (412). */
  conditional?: { header: "If-None-Match" | "If-Match"; etag: "latest" | "stale" };
}

/** Credentials for the security schemes a spec uses. */
export interface ProviderCredentials {
  /** A bearer token (OAuth 2.0 / bearer schemes) holding exactly these scopes. */
  bearer?(scopes: string[]): Promise<string>;
  /** Every scope a token may hold; the 403 transactions get all but the operation's. */
  scopes?: string[];
  /** Client id and secret for HTTP Basic schemes. */
  basic?: { id: string; secret: string };
  /**
   * API key schemes (by name) whose header the provider's `prepare` writes itself, because it depends on
   * the request (Slack's signature over the body): the hooks add nothing for them, and prepare reads
   * `request.credentials` to sign right (`valid`) or wrong (`unauthenticated`, the 401 transactions).
   */
  signedByPrepare?: string[];
  /**
   * A token from the same TokenDealer for another audience (every scope of `scopes`): the fuzzer's
   * wrong-audience token, which the service must refuse with 401.
   */
  foreignBearer?(): Promise<string>;
  /**
   * The headers that sign a raw body for the schemes of `signedByPrepare` (Slack's `v0` signature and its
   * timestamp): with the provider's secret, or a wrong one when `valid` is false.
   */
  sign?(rawBody: Buffer, valid: boolean): Record<string, string>;
}

/** Undoes a provider state after its transaction (restores a stubbed dependency, say). */
export type Undo = () => Promise<void> | void;

/** A provider started for a Dredd run: a real service listening on 127.0.0.1, with its test data. */
export interface ProviderSession {
  /** Base URL, `http://127.0.0.1:<port>`. */
  url: string;
  /** The service's fastify app, for in-process requests (the fuzzer's `app.inject`); absent: HTTP only. */
  app?: FastifyInstance;
  credentials: ProviderCredentials;
  /** Path parameter values of seeded resources, and values that name nothing (404 transactions). */
  params: { existing: Record<string, string>; missing: Record<string, string> };
  /** Creates the test data through the service's API; Dredd's beforeAll hook calls it. */
  seed(): Promise<void>;
  /**
   * Sets up what one transaction needs beyond the defaults (a unique email for a 201, a fresh resource
   * to delete for a 204, a broken dependency for a 503) by changing its request; may return an undo.
   */
  prepare?(transaction: PlannedTransaction, request: RequestSpec): Promise<Undo | undefined> | Undo | undefined;
  /** Stops everything the session started. */
  close(): Promise<void>;
}

/** What a provider's Dredd module exports (registered in registry.ts as `dredd`). */
export interface DreddProviderModule {
  /** Starts the service in-process on the embedded defaults, on a free port. */
  startProvider(): Promise<ProviderSession>;
}
