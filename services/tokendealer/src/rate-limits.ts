import { type OperationHooks, requestIp } from "@jeeves/service-kit";
import type { FastifyRequest } from "fastify";
import { presentedClientId } from "./domain/client-credentials.ts";

/** Requests per minute allowed on the OAuth endpoints, per client id and address. */
export interface TokendealerRateLimits {
  /** `POST /oauth/token`. Default 120. */
  tokenPerMinute?: number;
  /** `POST /oauth/introspect`. Default 300. */
  introspectPerMinute?: number;
}

/** The defaults: far above what a service asks (it keeps its token until shortly before it expires). */
export const DEFAULT_RATE_LIMITS = { tokenPerMinute: 120, introspectPerMinute: 300 } as const;

/**
 * The key of a client authentication: the presented client id (Basic or form) and the caller's address,
 * so one client's wrong secrets never limit another client, nor the same client elsewhere.
 */
export function clientKey(request: FastifyRequest): string {
  const authorization = typeof request.headers.authorization === "string" ? request.headers.authorization : undefined;
  return `${presentedClientId(authorization, request.body) ?? ""}|${requestIp(request)}`;
}

/**
 * The OAuth endpoints' rate limits, counted once the form is parsed and before the secret is checked
 * (no scrypt runs for a limited request).
 */
export function rateLimitHooks(limits: TokendealerRateLimits = {}): Record<string, OperationHooks> {
  const perMinute = (max: number) => ({ max, windowMs: 60_000, hook: "preValidation" as const, key: clientKey });
  return {
    issueToken: { rateLimit: perMinute(limits.tokenPerMinute ?? DEFAULT_RATE_LIMITS.tokenPerMinute) },
    introspectToken: {
      rateLimit: perMinute(limits.introspectPerMinute ?? DEFAULT_RATE_LIMITS.introspectPerMinute),
    },
  };
}
