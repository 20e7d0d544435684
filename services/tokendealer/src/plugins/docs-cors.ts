import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";

/** Which origins may call the TokenDealer from a browser: the docs pages of the suite's services. */
export interface DocsCors {
  /**
   * Allowed `Origin`s, each `scheme://host[:port]`; never `*`. The one-process suite sets the real ones
   * once every service listens (their ports may have been chosen at start).
   */
  origins: readonly string[];
}

declare module "fastify" {
  interface FastifyInstance {
    /** The origins allowed to ask for tokens and keys from a browser (Swagger UI's "Authorize"). */
    docsCors: DocsCors;
  }
}

/** The routes browsers may call across origins, and the method each is called with. */
export const CORS_ROUTES: Readonly<Record<string, string>> = {
  "/oauth/token": "POST",
  "/.well-known/jwks.json": "GET",
};

/** What Swagger UI sends with a token request besides the safelisted headers. */
export const CORS_ALLOWED_HEADERS = "Authorization, Content-Type, X-Requested-With";

/** How long a browser may keep a preflight's answer, seconds. */
export const CORS_MAX_AGE_SECONDS = 600;

/** Adds `names` to the reply's `Vary` (another plugin, compression, sets it too). */
function vary(reply: FastifyReply, ...names: string[]): void {
  const current = reply.getHeader("vary");
  const have = typeof current === "string" && current !== "" ? current.split(",").map((name) => name.trim()) : [];
  const missing = names.filter((name) => !have.some((h) => h.toLowerCase() === name.toLowerCase()));
  if (missing.length > 0) reply.header("vary", [...have, ...missing].join(", "));
}

/** The request's `Origin` when it is one of the allowed ones. */
function allowedOrigin(app: FastifyInstance, request: FastifyRequest): string | undefined {
  const origin = request.headers.origin;
  return typeof origin === "string" && app.docsCors.origins.includes(origin) ? origin : undefined;
}

/**
 * CORS for the docs pages of the suite's own services, on the token endpoint and the JWKS only: a
 * preflight (`OPTIONS` with `Access-Control-Request-Method`) from an allowed origin answers 204 with the
 * origin, the route's method and the headers Swagger UI sends; the answers themselves (errors included)
 * carry `Access-Control-Allow-Origin` for that origin. Any other origin gets no CORS header, and its
 * preflight the 404 every unknown route gets. Decorates `app.docsCors`.
 */
export const docsCorsPlugin = fp(
  async (app: FastifyInstance, options: { origins: readonly string[] }) => {
    app.decorate("docsCors", { origins: [...options.origins] });
    for (const [url, method] of Object.entries(CORS_ROUTES)) {
      app.options(url, { schema: { hide: true } }, async (request, reply) => {
        const origin = allowedOrigin(app, request);
        vary(reply, "Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers");
        if (!origin || request.headers["access-control-request-method"] === undefined) return reply.callNotFound();
        return reply
          .code(204)
          .header("access-control-allow-origin", origin)
          .header("access-control-allow-methods", method)
          .header("access-control-allow-headers", CORS_ALLOWED_HEADERS)
          .header("access-control-max-age", String(CORS_MAX_AGE_SECONDS))
          .send();
      });
    }
    app.addHook("onSend", async (request, reply, payload) => {
      const url = request.routeOptions.url;
      if (request.method === "OPTIONS" || url === undefined || !Object.hasOwn(CORS_ROUTES, url)) return payload;
      vary(reply, "Origin");
      const origin = allowedOrigin(app, request);
      if (origin) reply.header("access-control-allow-origin", origin);
      return payload;
    });
  },
  { name: "tokendealer-docs-cors" },
);
