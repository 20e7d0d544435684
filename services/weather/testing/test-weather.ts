import { createTokenVerifier, type FeatureFlags } from "@jeeves/service-kit";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { buildApp } from "../src/app.ts";
import { type FakeOpenWeatherMap, startFakeOpenWeatherMap } from "./fake-openweathermap.ts";

/** The TokenDealer a test weather service trusts: its URL (the issuer) and its JWKS. */
export interface TrustedDealer {
  url: string;
  jwksUrl: string;
}

/** Options of {@link buildTestWeather}. */
export interface TestWeatherOptions {
  /** The TokenDealer whose tokens (audience `weather`) the service accepts. */
  dealer: TrustedDealer;
  /** OpenWeatherMap's URL (a Prism mock, a fake); default a new {@link FakeOpenWeatherMap}, closed by `close()`. */
  upstreamUrl?: string;
  /** The API key; omitted, the service runs on demo data (`demo: true`, key `demo`). */
  apiKey?: string;
  /** The fetch the service calls OpenWeatherMap with (add Prefer headers for Prism, fail, count). */
  fetch?: (input: Request) => Promise<Response>;
  /** Default 5000 ms. */
  timeoutMs?: number;
  /** Default 600000 ms. */
  cacheTtlMs?: number;
  /** The clock, ms. */
  now?: () => number;
  /** Default false (no logs). */
  logger?: FastifyServerOptions["logger"];
  /** Feature flags (`weather-provider`); default the defaults. */
  flags?: FeatureFlags;
}

/** A weather service for tests, and the fake OpenWeatherMap it started (if it started one). */
export interface TestWeather {
  /** The app, ready, not listening: `inject`, or `listen({ port: 0 })`. */
  app: FastifyInstance;
  /** The fake started because no `upstreamUrl` was given. */
  upstream?: FakeOpenWeatherMap;
  /** Closes the app, then the fake it started. */
  close(): Promise<void>;
}

/**
 * Builds a weather service for tests, here and in other workspaces: it verifies the tokens of `dealer`
 * (audience `weather`) and calls `upstreamUrl`, or a fake OpenWeatherMap it starts (Berlin for every
 * place, `Atlantis…` unknown).
 */
export async function buildTestWeather(options: TestWeatherOptions): Promise<TestWeather> {
  const upstream = options.upstreamUrl === undefined ? await startFakeOpenWeatherMap() : undefined;
  try {
    const app = await buildApp({
      verifier: createTokenVerifier({
        jwksUrl: options.dealer.jwksUrl,
        issuer: options.dealer.url,
        audience: "weather",
      }),
      upstream: {
        baseUrl: options.upstreamUrl ?? (upstream as FakeOpenWeatherMap).url,
        apiKey: options.apiKey,
        fetch: options.fetch,
        timeoutMs: options.timeoutMs,
      },
      cacheTtlMs: options.cacheTtlMs,
      now: options.now,
      logger: options.logger ?? false,
      flags: options.flags,
    });
    await app.ready();
    return {
      app,
      upstream,
      async close() {
        await app.close();
        await upstream?.close();
      },
    };
  } catch (error) {
    await upstream?.close();
    throw error;
  }
}
