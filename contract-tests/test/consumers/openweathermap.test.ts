import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { SpecIndex } from "@jeeves/codecs";
import { spec as owmSpec } from "@jeeves/generated/specs/openweathermap";
import { spec as weatherSpec } from "@jeeves/generated/specs/weather";
import { createOpenWeatherMap, toReport, UnknownPlace, UpstreamUnavailable } from "@jeeves/weather";
import { type RunningMock, startMock } from "../../src/mock/start-mock.ts";
import { EXTERNAL } from "../../src/registry.ts";

const owm = new SpecIndex(owmSpec);
// biome-ignore lint/suspicious/noExplicitAny: walks the parsed OpenAPI document
type Node = Record<string, any>;

/** A named example of `getCurrentWeather`'s answer for a status (Prism's first one when unnamed). */
function exampleOf(status: number, name?: string): Node {
  const operation = owm.operation("getCurrentWeather");
  const paths = owm.document.paths as Node;
  const media = paths[operation.path].get.responses[status].content["application/json"] as Node;
  const examples = media.examples as Record<string, { value: Node }>;
  return (name ? examples[name] : Object.values(examples)[0]).value;
}

/** An API key the mock accepts: Prism checks that `appid` is there, not what it says. */
const API_KEY = "contract-tests-openweathermap-key";

let mock: RunningMock;
before(async () => {
  const document = EXTERNAL.find((d) => d.name === "openweathermap");
  assert.ok(document, "openweathermap is registered as an external document");
  mock = await startMock({ spec: document.path, validateRequests: true });
});
after(() => mock?.close());

/** One call the adapter made, and how the mock took it. */
interface Exchange {
  path: string;
  query: Record<string, string>;
  status: number;
  /** The messages of Prism's `sl-violations` header: why it refused the request. */
  violations: string[];
}

/**
 * The weather service's own OpenWeatherMap adapter (`createOpenWeatherMap`: the generated client, `appid`,
 * status → error), pointed at the mock, recording every call; `prefer` goes out as a `Prefer` header.
 */
function sourceOf(prefer?: string) {
  const exchanges: Exchange[] = [];
  const source = createOpenWeatherMap({
    baseUrl: mock.url,
    apiKey: API_KEY,
    timeoutMs: 10_000,
    fetch: async (request) => {
      const sent = new Request(request);
      if (prefer) sent.headers.set("Prefer", prefer);
      const response = await fetch(sent);
      const url = new URL(sent.url);
      exchanges.push({
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        status: response.status,
        violations: (JSON.parse(response.headers.get("sl-violations") ?? "[]") as Array<{ message: string }>).map(
          (v) => v.message,
        ),
      });
      return response;
    },
  });
  return { source, exchanges };
}

describe("the weather service's OpenWeatherMap adapter (createOpenWeatherMap), against the OpenWeatherMap mock", () => {
  test("a place by name in metric units is a call the spec takes, and Berlin maps to the weather spec's report", async () => {
    const { source, exchanges } = sourceOf();
    const answer = await source.current({ q: "Berlin,DE" }, "metric");
    assert.deepEqual(exchanges, [
      {
        path: "/data/2.5/weather",
        query: { q: "Berlin,DE", units: "metric", appid: API_KEY },
        status: 200,
        violations: [],
      },
    ]);
    assert.deepEqual(answer, exampleOf(200, "berlin_metric"));
    // The two specs agree: OpenWeatherMap's Berlin example is exactly the weather spec's report example.
    const weather = new SpecIndex(weatherSpec);
    const report = weather.response(weather.operation("getWeather"), 200)?.schema?.example;
    assert.deepEqual(toReport(answer, "metric", false), report);
  });

  test("coordinates in imperial units are a call the spec takes (Prefer: example=new_york_imperial)", async () => {
    const { source, exchanges } = sourceOf("example=new_york_imperial");
    const answer = await source.current({ lat: 40.7143, lon: -74.006 }, "imperial");
    assert.equal(exchanges[0].status, 200, exchanges[0].violations.join("; "));
    assert.deepEqual(exchanges[0].violations, []);
    assert.deepEqual(exchanges[0].query, { lat: "40.7143", lon: "-74.006", units: "imperial", appid: API_KEY });
    assert.deepEqual(answer, exampleOf(200, "new_york_imperial"));
    const report = toReport(answer, "imperial", false);
    assert.equal(report.place, "New York");
    assert.equal(report.temperature, 41.7);
  });

  test("404 (Prefer: code=404, city not found) is an unknown place", async () => {
    const { source, exchanges } = sourceOf("code=404");
    await assert.rejects(source.current({ q: "Atlantis" }, "metric"), (error: unknown) => {
      assert.ok(error instanceof UnknownPlace);
      assert.equal(error.place, "Atlantis");
      return true;
    });
    assert.equal(exchanges[0].status, 404);
    assert.deepEqual(exchanges[0].violations, [], "the call itself was valid");
  });

  test("401 (Prefer: code=401, the key refused) is the adapter's upstream error, worth a later retry", async () => {
    const { source, exchanges } = sourceOf("code=401");
    await assert.rejects(source.current({ q: "Berlin" }, "metric"), (error: unknown) => {
      assert.ok(error instanceof UpstreamUnavailable);
      assert.match(error.message, /refused the API key \(401\)/);
      assert.ok(error.retryAfterSeconds > 0);
      assert.ok(!error.message.includes(API_KEY), "the key is not in the message");
      return true;
    });
    assert.equal(exchanges[0].status, 401);
    assert.deepEqual(exchanges[0].violations, []);
  });

  test("negative control: a latitude out of range is refused by the mock (400, read as an unknown place)", async () => {
    const { source, exchanges } = sourceOf();
    await assert.rejects(source.current({ lat: 91, lon: 13.4 }, "metric"), UnknownPlace);
    assert.equal(exchanges.length, 1);
    assert.equal(exchanges[0].status, 400);
    assert.ok(
      exchanges[0].violations.some((message) => message.includes("must be <= 90")),
      exchanges[0].violations.join("; "),
    );
  });

  test("negative control: a call without appid is refused by the mock (401), as OpenWeatherMap does", async () => {
    const response = await fetch(`${mock.url}/data/2.5/weather?q=Berlin&units=metric`);
    assert.equal(response.status, 401);
    await response.arrayBuffer();
  });
});
