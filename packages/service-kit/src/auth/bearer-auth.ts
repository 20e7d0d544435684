import type { OperationSpec } from "@jeeves/codecs";
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from "fastify";
import { KIT_ERR } from "../errors.ts";
import { InvalidTokenError, type TokenVerifier, type VerifiedToken } from "./token-verifier.ts";

declare module "fastify" {
  interface FastifyRequest {
    /**
     * The verified bearer token of the request, when it had one: the client (`clientId`), its scopes,
     * and for a person's token (token exchange) the person it speaks for (`person`, a user id).
     */
    auth?: VerifiedToken;
  }
}

const REALM = 'Bearer realm="jeeves"';

/** Which security schemes of a spec are bearer tokens (OAuth 2.0, or HTTP bearer). */
export function bearerSchemes(spec: Record<string, unknown>): Set<string> {
  const schemes = ((spec.components as { securitySchemes?: Record<string, { type?: string; scheme?: string }> })
    ?.securitySchemes ?? {}) as Record<string, { type?: string; scheme?: string }>;
  return new Set(
    Object.entries(schemes)
      .filter(([, s]) => s.type === "oauth2" || (s.type === "http" && s.scheme?.toLowerCase() === "bearer"))
      .map(([name]) => name),
  );
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)$/i.exec(header.trim());
  if (!match) {
    throw KIT_ERR.INVALID_TOKEN({
      detail: "Authorization must be `Bearer <token>`",
      headers: { "www-authenticate": `${REALM}, error="invalid_request"` },
    });
  }
  return match[1];
}

/**
 * The onRequest hook that enforces an operation's security requirements: a bearer token that verifies
 * (401 with `error="invalid_token"` otherwise) and holds the scopes of one requirement (403 with
 * `error="insufficient_scope"`). Operations with `security: []`, or with a scheme that is not a bearer
 * token (such as HTTP Basic, checked by the handler), are left open; `{}` makes the token optional.
 */
export function securityHook(operation: OperationSpec, bearer: Set<string>, verifier: TokenVerifier) {
  const requirements = operation.security;
  const open =
    requirements.length === 0 || requirements.some((r) => Object.keys(r).some((scheme) => !bearer.has(scheme)));
  const optional = requirements.some((r) => Object.keys(r).length === 0);
  const scopeSets = requirements.filter((r) => Object.keys(r).length > 0).map((r) => Object.values(r).flat());
  /** 403 unless the token holds the scopes of one requirement. */
  const scopeError = (granted: Set<string>): Error | undefined => {
    if (scopeSets.length === 0 || scopeSets.some((set) => set.every((scope) => granted.has(scope)))) return undefined;
    const needed = scopeSets[0].join(" ");
    return KIT_ERR.INSUFFICIENT_SCOPE({
      detail: `${operation.operationId} needs the scope ${needed}`,
      headers: { "www-authenticate": `${REALM}, error="insufficient_scope", scope="${needed}"` },
    });
  };
  const accept = (request: FastifyRequest, verified: VerifiedToken, done: HookHandlerDoneFunction) => {
    request.auth = verified;
    done(scopeError(verified.scopes));
  };
  const refuse = (error: unknown, done: HookHandlerDoneFunction) => {
    if (!(error instanceof InvalidTokenError)) {
      done(error as Error);
      return;
    }
    done(
      KIT_ERR.INVALID_TOKEN({
        detail: error.message,
        cause: error,
        headers: { "www-authenticate": `${REALM}, error="invalid_token", error_description="${error.message}"` },
      }),
    );
  };
  /** The token to check, or undefined when the request goes on without one; 401 when it needs one. */
  const tokenOf = (request: FastifyRequest): string | undefined => {
    if (open && !optional) return undefined;
    const token = bearerToken(request);
    if (token || optional || open) return token;
    throw KIT_ERR.UNAUTHENTICATED({
      detail: `${operation.operationId} needs a bearer token from the TokenDealer`,
      headers: { "www-authenticate": REALM },
    });
  };
  // A callback hook: a token verified before (the verifier's `known`) is checked without a promise.
  return (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    let token: string | undefined;
    try {
      token = tokenOf(request);
    } catch (error) {
      done(error as Error);
      return;
    }
    if (!token) {
      done();
      return;
    }
    const known = verifier.known?.(token);
    if (known) {
      accept(request, known, done);
      return;
    }
    verifier.verify(token).then(
      (verified) => accept(request, verified, done),
      (error: unknown) => refuse(error, done),
    );
  };
}

/** Throws 403 unless the request's token holds the scope (for checks that depend on the input). */
export function requireScope(request: FastifyRequest, scope: string): void {
  if (request.auth?.scopes.has(scope)) return;
  throw KIT_ERR.INSUFFICIENT_SCOPE({
    detail: `this needs the scope ${scope}`,
    headers: { "www-authenticate": `${REALM}, error="insufficient_scope", scope="${scope}"` },
  });
}
