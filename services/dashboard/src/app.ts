import { spec } from "@jeeves/generated/specs/dashboard";
import { createApp, openapiRoutes, type TokenVerifier } from "@jeeves/service-kit";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { handlers } from "./handlers/index.ts";

/** What the app is built from. */
export interface AppOptions {
  /** Verifies the TokenDealer's bearer tokens (audience `dashboard`). */
  verifier: TokenVerifier;
  /** The TokenDealer's URL (`TOKENDEALER_URL`): the docs' "Authorize" asks it for tokens. Default the spec's. */
  tokenDealerUrl?: string;
  logger?: FastifyServerOptions["logger"];
}

/** Builds the dashboard app from its spec (`/health`, `/ready`, `/greeting`); it never listens (server.ts does). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = await createApp({
    name: "dashboard",
    spec,
    tokenDealerUrl: options.tokenDealerUrl,
    logger: options.logger,
  });
  await app.register(openapiRoutes, { spec, handlers, verifier: options.verifier });
  return app;
}
