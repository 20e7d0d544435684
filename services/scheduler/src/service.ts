import type { Bus } from "@jeeves/bus";
import { createTokenProvider } from "@jeeves/client-kit";
import type { FeatureFlags } from "@jeeves/service-kit";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import manifest from "../service.json" with { type: "json" };
import { buildApp } from "./app.ts";
import { type Config, readClientSecret } from "./config.ts";

/**
 * Every token the scheduler asks for: scopes by audience, exactly what the operations it calls need, as
 * its manifest declares them (`service.json`, `client.scopes`). The TokenDealer's default client
 * `scheduler` holds exactly these, from the same file (services/suite checks they are what the calls need).
 */
export const TOKEN_SCOPES: Readonly<Record<string, readonly string[]>> = manifest.client.scopes;

/** The scopes the scheduler asks the TokenDealer for, for the dataservice (list, and claim). */
export const DATASERVICE_SCOPES: string[] = manifest.client.scopes.dataservice;

/** The scopes the scheduler asks the TokenDealer for, for the weather service. */
export const WEATHER_SCOPES: string[] = manifest.client.scopes.weather;

/**
 * Builds the scheduler from its configuration, as `server.ts` and the one-process suite run it: reads
 * the client secret (ConfigError when there is none), gets tokens from the TokenDealer for the
 * dataservice and the weather service, and builds the app on `bus`. It does not listen, and it never
 * closes the bus. `now` replaces the clock (tests).
 */
export async function prepareScheduler(
  config: Config,
  options: { bus: Bus; logger?: FastifyServerOptions["logger"]; now?: () => Date; flags?: FeatureFlags },
): Promise<FastifyInstance> {
  const credentials = {
    tokendealerUrl: config.TOKENDEALER_URL,
    clientId: config.SCHEDULER_CLIENT_ID,
    clientSecret: readClientSecret(config),
  };
  return buildApp({
    bus: options.bus,
    dataservice: {
      baseUrl: config.DATASERVICE_URL,
      auth: createTokenProvider({ ...credentials, audience: "dataservice", scopes: DATASERVICE_SCOPES }),
    },
    weatherService: {
      baseUrl: config.WEATHER_URL,
      auth: createTokenProvider({ ...credentials, audience: "weather", scopes: WEATHER_SCOPES }),
    },
    now: options.now,
    tickMs: config.SCHEDULER_TICK_MS,
    logger: options.logger,
    flags: options.flags,
    flagsFile: config.FLAGS_FILE,
  });
}
