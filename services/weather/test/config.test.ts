import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError } from "@jeeves/service-kit";
import { loadConfig } from "../src/config.ts";

test("the embedded defaults: port 3004, OpenWeatherMap itself, 5 s timeout, reports kept 10 minutes", () => {
  const config = loadConfig({ OPENWEATHER_API_KEY: "k" });
  assert.equal(config.PORT, 3004);
  assert.equal(config.HOST, "127.0.0.1");
  assert.equal(config.TOKENDEALER_URL, "http://127.0.0.1:3000");
  assert.equal(config.OPENWEATHER_URL, "https://api.openweathermap.org");
  assert.equal(config.OPENWEATHER_TIMEOUT_MS, 5_000);
  assert.equal(config.WEATHER_CACHE_TTL_MS, 600_000);
});

test("without a key OpenWeatherMap itself is refused at start, pointing at the mock", () => {
  assert.throws(
    () => loadConfig({}),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /OPENWEATHER_API_KEY is unset/);
      assert.match(error.message, /npm run mock -- openweathermap/);
      return true;
    },
  );
  assert.throws(() => loadConfig({ OPENWEATHER_URL: "https://api.openweathermap.org/" }), ConfigError);
});

test("without a key, pointed at a mock, the service runs on demo data", () => {
  const config = loadConfig({ OPENWEATHER_URL: "http://127.0.0.1:4010" });
  assert.equal(config.OPENWEATHER_API_KEY, undefined);
  assert.equal(config.OPENWEATHER_URL, "http://127.0.0.1:4010");
});

test("bad values are all reported at once, the key never shown", () => {
  assert.throws(
    () =>
      loadConfig({
        OPENWEATHER_API_KEY: "s3cret-key",
        OPENWEATHER_URL: "ftp://example.org",
        OPENWEATHER_TIMEOUT_MS: "0",
        WEATHER_CACHE_TTL_MS: "ten minutes",
        PORT: "70000",
      }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(
        error.problems.map((problem) => problem.split("=")[0]),
        ["PORT", "OPENWEATHER_URL", "OPENWEATHER_TIMEOUT_MS", "WEATHER_CACHE_TTL_MS"],
      );
      assert.doesNotMatch(error.message, /s3cret-key/);
      return true;
    },
  );
  assert.equal(loadConfig({ OPENWEATHER_API_KEY: "k", WEATHER_CACHE_TTL_MS: "0" }).WEATHER_CACHE_TTL_MS, 0);
});
