import { createOpenweathermapClient, type OpenweathermapClient } from "@jeeves/client-kit/clients/openweathermap";
import type { CurrentWeather, CurrentWeatherSource } from "../domain/current-weather-source.ts";
import { describeQuery, type PlaceQuery } from "../domain/place-query.ts";
import type { Units } from "../domain/units.ts";
import { UnknownPlace, UpstreamUnavailable } from "../domain/upstream-errors.ts";
import { redactError, redactText, redactUrl } from "./redact.ts";

/** Seconds a caller should wait after OpenWeatherMap failed, timed out or refused our key. */
export const UPSTREAM_RETRY_AFTER_SECONDS = 30;
/** Seconds a caller should wait after OpenWeatherMap rate-limited our key (429). */
export const RATE_LIMITED_RETRY_AFTER_SECONDS = 60;
/** How long a call may take by default, ms. */
export const DEFAULT_TIMEOUT_MS = 5_000;

/** The lines the client logs (a pino logger fits). */
export interface UpstreamLogger {
  debug(fields: object, message: string): void;
}

/** Where OpenWeatherMap is and how to call it. */
export interface OpenWeatherMapOptions {
  /** The API's root, e.g. `https://api.openweathermap.org` or the mock's URL. */
  baseUrl: string;
  /** The API key, sent as `appid`; never logged. */
  apiKey: string;
  /** The fetch to call with (default the global one). */
  fetch?: (input: Request) => Promise<Response>;
  /** How long a call may take, answer body included, ms (default 5000). */
  timeoutMs?: number;
  /** Gets one debug line per call: method, URL with `appid=[redacted]`, status or error, duration. */
  logger?: UpstreamLogger;
}

type Middleware = Parameters<OpenweathermapClient["use"]>[0];

/** Adds `appid` to every request and logs each call with the key redacted. */
function keyAndLogMiddleware(apiKey: string, logger: UpstreamLogger | undefined): Middleware {
  const started = new Map<string, number>();
  const elapsed = (id: string) => {
    const ms = Math.round(performance.now() - (started.get(id) ?? performance.now()));
    started.delete(id);
    return ms;
  };
  return {
    onRequest({ request, id }) {
      started.set(id, performance.now());
      const url = new URL(request.url);
      url.searchParams.set("appid", apiKey);
      return new Request(url, request);
    },
    onResponse({ request, response, id }) {
      logger?.debug(
        {
          upstream: "openweathermap",
          request: `${request.method} ${redactUrl(request.url)}`,
          status: response.status,
          ms: elapsed(id),
        },
        "openweathermap answered",
      );
      return undefined;
    },
    onError({ request, error, id }) {
      const message = error instanceof Error ? error.message : String(error);
      logger?.debug(
        {
          upstream: "openweathermap",
          request: `${request.method} ${redactUrl(request.url)}`,
          error: redactText(message, apiKey),
          ms: elapsed(id),
        },
        "openweathermap call failed",
      );
      return undefined;
    },
  };
}

/** Rejects with `error` after `ms` unless cleared; aborts `controller` at the same time. */
function deadline(ms: number, controller: AbortController): { promise: Promise<never>; clear(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`no answer within ${ms} ms`);
      error.name = "TimeoutError";
      controller.abort(error);
      reject(error);
    }, ms);
  });
  return { promise, clear: () => clearTimeout(timer) };
}

/**
 * OpenWeatherMap's current weather through the client generated from
 * specs/openapi/external/openweathermap.yaml (`createOpenweathermapClient` of @jeeves/client-kit, JSON). The key goes
 * in `appid` and never into a log line or an error message. 404 (and 400, a query it cannot geocode)
 * reject with `UnknownPlace`; no answer within the timeout, a network error, 5xx, 401 (our key refused),
 * 429 and any other answer reject with `UpstreamUnavailable`, whose `retryAfterSeconds` says when to ask again.
 */
export function createOpenWeatherMap(options: OpenWeatherMapOptions): CurrentWeatherSource {
  const client = createOpenweathermapClient({ baseUrl: options.baseUrl, fetch: options.fetch });
  client.use(keyAndLogMiddleware(options.apiKey, options.logger));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    async current(query: PlaceQuery, units: Units): Promise<CurrentWeather> {
      const controller = new AbortController();
      const timeout = deadline(timeoutMs, controller);
      const call = client.GET("/data/2.5/weather", {
        params: { query: { ...query, units } },
        signal: controller.signal,
      });
      let result: Awaited<typeof call>;
      try {
        result = await Promise.race([call, timeout.promise]);
      } catch (error) {
        const why = controller.signal.aborted ? `did not answer within ${timeoutMs} ms` : "could not be reached";
        throw new UpstreamUnavailable(`OpenWeatherMap ${why}`, UPSTREAM_RETRY_AFTER_SECONDS, {
          cause: redactError(error, options.apiKey),
        });
      } finally {
        timeout.clear();
      }
      const { data, response } = result;
      if (response.ok && data) return data;
      switch (response.status) {
        case 400:
        case 404:
          throw new UnknownPlace(describeQuery(query));
        case 401:
          throw new UpstreamUnavailable("OpenWeatherMap refused the API key (401)", UPSTREAM_RETRY_AFTER_SECONDS);
        case 429:
          throw new UpstreamUnavailable(
            "OpenWeatherMap rate-limited the API key (429)",
            RATE_LIMITED_RETRY_AFTER_SECONDS,
          );
        default:
          throw new UpstreamUnavailable(`OpenWeatherMap answered ${response.status}`, UPSTREAM_RETRY_AFTER_SECONDS);
      }
    },
  };
}
