import type { Bus } from "@jeeves/bus";
import { createTokenProvider } from "@jeeves/client-kit";
import { connectRetryOf, type FeatureFlags } from "@jeeves/service-kit";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import manifest from "../service.json" with { type: "json" };
import { buildApp } from "./app.ts";
import { type Config, readClientSecret } from "./config.ts";

/**
 * Every token the actions service asks for: scopes by audience, exactly what the operations it calls
 * need, as its manifest declares them (`service.json`, `client.scopes`). The TokenDealer's default client
 * `actions` holds exactly these, from the same file (services/suite checks they are what the calls need).
 */
export const TOKEN_SCOPES: Readonly<Record<string, readonly string[]>> = manifest.client.scopes;

/** The scopes the actions service asks the TokenDealer for, for the dataservice (Slack users, settings). */
export const DATASERVICE_SCOPES: string[] = manifest.client.scopes.dataservice;

/** The scopes the actions service asks the TokenDealer for, for the weather service. */
export const WEATHER_SCOPES: string[] = manifest.client.scopes.weather;

/**
 * Builds the actions service from its configuration, as `server.ts` and the one-process suite run it:
 * reads the client secret (ConfigError when there is none), gets dataservice and weather tokens
 * from the TokenDealer, and builds the app on `bus`. It does not listen, and it never closes the bus.
 */
export async function prepareActions(
  config: Config,
  options: { bus: Bus; logger?: FastifyServerOptions["logger"]; flags?: FeatureFlags },
): Promise<FastifyInstance> {
  const clientSecret = readClientSecret(config);
  const tokens = (audience: string, scopes: string[]) =>
    createTokenProvider({
      tokendealerUrl: config.TOKENDEALER_URL,
      clientId: config.ACTIONS_CLIENT_ID,
      clientSecret,
      audience,
      scopes,
    });
  return buildApp({
    bus: options.bus,
    dataservice: { baseUrl: config.DATASERVICE_URL, auth: tokens("dataservice", DATASERVICE_SCOPES) },
    weatherService: { baseUrl: config.WEATHER_URL, auth: tokens("weather", WEATHER_SCOPES) },
    logger: options.logger,
    consumer: { maxAttempts: config.ACTIONS_MAX_ATTEMPTS, retryDelayMs: config.ACTIONS_RETRY_DELAY_MS },
    redisUrl: config.REDIS_URL,
    redisKeyPrefix: config.REDIS_KEY_PREFIX,
    connectRetry: connectRetryOf(config),
    flags: options.flags,
    flagsFile: config.FLAGS_FILE,
  });
}
