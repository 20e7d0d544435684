import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { CurrentWeather } from "../src/domain/current-weather-source.ts";

/** OpenWeatherMap's answer for Berlin in metric units (the first example of the spec). */
export const BERLIN_METRIC: CurrentWeather = {
  coord: { lon: 13.4105, lat: 52.5244 },
  weather: [{ id: 500, main: "Rain", description: "light rain", icon: "10d" }],
  base: "stations",
  main: { temp: 12.4, feels_like: 11.71, temp_min: 11.13, temp_max: 13.32, pressure: 1012, humidity: 76 },
  visibility: 10000,
  wind: { speed: 4.63, deg: 250, gust: 8.23 },
  clouds: { all: 75 },
  dt: 1764316800,
  sys: { type: 2, id: 2011538, country: "DE", sunrise: 1764311962, sunset: 1764341186 },
  timezone: 3600,
  id: 2950159,
  name: "Berlin",
  cod: 200,
};

/** How the fake answers one call: a status and JSON body (or `raw` text), optionally late (ms). */
export interface FakeAnswer {
  status: number;
  body?: unknown;
  /** Sent as it is instead of `body` (still labelled JSON): an unreadable answer. */
  raw?: string;
  delayMs?: number;
}

/** Answers a call of the fake from its query (`q`, `lat`, `lon`, `units`, `appid`…). */
export type FakeScript = (query: URLSearchParams) => FakeAnswer | Promise<FakeAnswer>;

/**
 * The default script: 200 with {@link BERLIN_METRIC} named after `q` (up to its first comma), 404
 * `city not found` for a `q` starting with "Atlantis", 401 without `appid`.
 */
export const DEFAULT_SCRIPT: FakeScript = (query) => {
  if (!query.get("appid")) return { status: 401, body: { cod: 401, message: "Invalid API key." } };
  const q = query.get("q");
  if (q?.toLowerCase().startsWith("atlantis")) return { status: 404, body: { cod: "404", message: "city not found" } };
  return { status: 200, body: { ...BERLIN_METRIC, name: q ? q.split(",")[0] : BERLIN_METRIC.name } };
};

/** A scripted OpenWeatherMap on 127.0.0.1 for tests: what Prism cannot do (delays, counting calls). */
export interface FakeOpenWeatherMap {
  /** Its root URL, for `upstream.baseUrl` / OPENWEATHER_URL. */
  url: string;
  /** The query of every call received, oldest first (`appid` included: the fake sees the key). */
  calls: URLSearchParams[];
  /** How the next calls are answered; replace it at will. */
  script: FakeScript;
  /** Stops it, dropping calls still waiting. */
  close(): Promise<void>;
}

/** Starts a {@link FakeOpenWeatherMap} answering `GET /data/2.5/weather` by `script` (default {@link DEFAULT_SCRIPT}). */
export async function startFakeOpenWeatherMap(script: FakeScript = DEFAULT_SCRIPT): Promise<FakeOpenWeatherMap> {
  const timers = new Set<NodeJS.Timeout>();
  const fake: FakeOpenWeatherMap = { url: "", calls: [], script, close: async () => {} };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://fake");
    const send = (answer: FakeAnswer) => {
      response.writeHead(answer.status, { "content-type": "application/json; charset=utf-8" });
      response.end(answer.raw ?? (answer.body === undefined ? "" : JSON.stringify(answer.body)));
    };
    if (request.method !== "GET" || url.pathname !== "/data/2.5/weather") {
      send({ status: 404, body: { cod: "404", message: "Internal error" } });
      return;
    }
    fake.calls.push(url.searchParams);
    Promise.resolve(fake.script(url.searchParams)).then(
      (answer) => {
        if (!answer.delayMs) return send(answer);
        const timer = setTimeout(() => {
          timers.delete(timer);
          send(answer);
        }, answer.delayMs);
        timers.add(timer);
      },
      () => send({ status: 500, body: { cod: 500, message: "Internal error" } }),
    );
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = async () => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  };
  return fake;
}
