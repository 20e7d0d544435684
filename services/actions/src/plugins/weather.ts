import { observedFetch, pooledFetch } from "@jeeves/client-kit";
import type { WeatherReports } from "@jeeves/weather-client";
import { createWeatherServiceReports, type WeatherServiceOptions } from "@jeeves/weather-client";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

declare module "fastify" {
  interface FastifyInstance {
    /** The weather service, or undefined when the app has none (then `weather` is "not available"). */
    commandWeather: WeatherReports | undefined;
  }
}

/** Options of the weather plugin: a WeatherReports to use, or the weather service to reach. */
export interface WeatherPluginOptions {
  weather?: WeatherReports;
  weatherService?: WeatherServiceOptions;
}

/** Decorates `app.commandWeather`: the given reports, the weather service through its generated client, or nothing. */
export const weatherPlugin = fp(
  async (app: FastifyInstance, options: WeatherPluginOptions) => {
    const service = options.weatherService;
    app.decorate(
      "commandWeather",
      options.weather ??
        (service
          ? createWeatherServiceReports({
              ...service,
              fetch: observedFetch(service.fetch ?? pooledFetch, app.metrics.outbound("weather")),
            })
          : undefined),
    );
  },
  { name: "actions-weather" },
);
