import { type OperationHooks, requestIp } from "@jeeves/service-kit";
import type { FastifyRequest } from "fastify";

/** Requests per minute allowed on the dataservice's limited operations. */
export interface DataserviceRateLimits {
  /** `POST /users/verify-password`, per address and email. Default 20. */
  verifyPasswordPerMinute?: number;
}

/** The defaults: far above what a person mistyping a password does. */
export const DEFAULT_RATE_LIMITS = { verifyPasswordPerMinute: 20 } as const;

/**
 * The key of a password check: the caller's address and the email (as the store compares it), so
 * guessing one account's password does not limit the logins of the others.
 */
export function emailKey(request: FastifyRequest): string {
  const email = (request.body as { email?: unknown } | null | undefined)?.email;
  const normalized = typeof email === "string" ? email.trim().toLowerCase() : "";
  return `${requestIp(request)}|${normalized}`;
}

/** The limits by operation, counted once the body is parsed and before any password is checked. */
export function rateLimitHooks(limits: DataserviceRateLimits = {}): Record<string, OperationHooks> {
  return {
    verifyPassword: {
      rateLimit: {
        max: limits.verifyPasswordPerMinute ?? DEFAULT_RATE_LIMITS.verifyPasswordPerMinute,
        windowMs: 60_000,
        hook: "preValidation",
        key: emailKey,
      },
    },
  };
}
