import { createTokenVerifier } from "@jeeves/service-kit";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { buildApp } from "./app.ts";
import type { Config } from "./config.ts";

/**
 * Builds the dashboard service from its configuration, as `server.ts` and the one-process suite run it:
 * trusts the TokenDealer's JWKS (audience `dashboard`). It does not listen.
 */
export async function prepareDashboard(
  config: Config,
  options: { logger?: FastifyServerOptions["logger"] } = {},
): Promise<FastifyInstance> {
  const verifier = createTokenVerifier({
    jwksUrl: new URL("/.well-known/jwks.json", config.TOKENDEALER_URL).href,
    issuer: config.TOKENDEALER_URL,
    audience: "dashboard",
  });
  return buildApp({ verifier, tokenDealerUrl: config.TOKENDEALER_URL, logger: options.logger });
}
