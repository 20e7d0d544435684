import { observedFetch, pooledFetch } from "@jeeves/client-kit";
import type { WeatherReports } from "@jeeves/weather-client";
import { createWeatherServiceReports, type WeatherServiceOptions } from "@jeeves/weather-client";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

declare module "fastify" {
  interface FastifyInstance {
    /** The weather for the alerts (the weather service, or what the app was given). */
    weatherReports: WeatherReports;
  }
}

/** Options of the weather plugin: reports to use, or the weather service to reach. */
export interface WeatherReportsPluginOptions {
  weather?: WeatherReports;
  weatherService?: WeatherServiceOptions;
}

/** Decorates `app.weatherReports`: the given reports, or the weather service through its generated client. */
export const weatherReportsPlugin = fp(
  async (app: FastifyInstance, options: WeatherReportsPluginOptions) => {
    const weather =
      options.weather ??
      (options.weatherService &&
        createWeatherServiceReports({
          ...options.weatherService,
          fetch: observedFetch(options.weatherService.fetch ?? pooledFetch, app.metrics.outbound("weather")),
        }));
    if (!weather) throw new Error("scheduler: buildApp needs `weather` or `weatherService`");
    app.decorate("weatherReports", weather);
  },
  { name: "scheduler-weather-reports" },
);
