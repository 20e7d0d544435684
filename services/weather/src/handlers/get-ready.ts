import type { GetReadyHandler } from "@jeeves/generated/handlers/weather";
import type { HandlerContext } from "@jeeves/service-kit";

/**
 * Readiness: nothing to wait for (OpenWeatherMap is not probed: that would spend the key's quota, and a
 * report answers 503 by itself when it is down). The check says whether the reports are demo data.
 */
export const getReady: GetReadyHandler<HandlerContext> = (_request, { app }) => ({
  status: 200,
  body: {
    status: "ok",
    service: "weather",
    checks: [
      {
        name: "openweathermap",
        status: "ok",
        detail: app.weather.demo ? "demo data: no OPENWEATHER_API_KEY" : "live data",
      },
    ],
  },
});
