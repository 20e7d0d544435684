import type { WeatherHandlers } from "@jeeves/generated/handlers/weather";
import { getMetrics, type HandlerContext } from "@jeeves/service-kit";
import { getHealth } from "./get-health.ts";
import { getReady } from "./get-ready.ts";
import { getWeather } from "./get-weather.ts";

/** The weather service's handler table; the compiler checks it has every operation of the spec, typed. */
export const handlers: WeatherHandlers<HandlerContext> = { getHealth, getMetrics, getReady, getWeather };
