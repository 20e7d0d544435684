import { spec } from "@jeeves/generated/specs/weather";
import {
  createApp,
  type FeatureFlags,
  featureFlagsPlugin,
  openapiRoutes,
  type TokenVerifier,
} from "@jeeves/service-kit";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { handlers } from "./handlers/index.ts";
import { type UpstreamOptions, weatherCachePlugin } from "./plugins/weather-cache.ts";

/** How long a report is kept by default: 10 minutes, OpenWeatherMap's own refresh interval. */
export const DEFAULT_CACHE_TTL_MS = 600_000;

/** What the app is built from. */
export interface AppOptions {
  /** Verifies the TokenDealer's bearer tokens (audience `weather`). */
  verifier: TokenVerifier;
  /** The TokenDealer's URL (`TOKENDEALER_URL`): the docs' "Authorize" asks it for tokens. Default the spec's. */
  tokenDealerUrl?: string;
  /** OpenWeatherMap (or its mock, or a fake): URL, key (none: demo data), fetch, timeout. */
  upstream: UpstreamOptions;
  /** How long a report is kept per place and units, ms (default 600000). */
  cacheTtlMs?: number;
  /** Most reports kept (default 1000). */
  cacheMaxEntries?: number;
  /** The clock, ms (default `Date.now`), for the cache and `Cache-Control`. */
  now?: () => number;
  logger?: FastifyServerOptions["logger"];
  /** Feature flags of the caller's (`weather-provider`); else `flagsFile` (FLAGS_FILE) is opened, else the defaults. */
  flags?: FeatureFlags;
  flagsFile?: string;
}

/** Builds the weather app from its spec (`/health`, `/ready`, `/weather`); it never listens (server.ts does). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = await createApp({
    name: "weather",
    spec,
    tokenDealerUrl: options.tokenDealerUrl,
    logger: options.logger,
  });
  await app.register(featureFlagsPlugin, { flags: options.flags, file: options.flagsFile });
  await app.register(weatherCachePlugin, {
    upstream: options.upstream,
    cacheTtlMs: options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS,
    cacheMaxEntries: options.cacheMaxEntries,
    now: options.now,
  });
  await app.register(openapiRoutes, { spec, handlers, verifier: options.verifier });
  return app;
}
