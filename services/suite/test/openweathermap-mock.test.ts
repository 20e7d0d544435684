import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { spec } from "@jeeves/generated/specs/openweathermap";
import { occupyPort } from "@jeeves/testing";
import { Ajv } from "ajv";
import { readLayout } from "../src/layout.ts";
import { startOpenWeatherMapMock } from "../src/openweathermap-mock.ts";

const PATH = "/data/2.5/weather";

/** The spec's schema of one status's JSON answer, compiled (OpenAPI keywords such as `example` ignored). */
function answerSchema(status: number) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addSchema({ ...spec, $id: "openweathermap" });
  const pointer = `#/paths/${PATH.replaceAll("/", "~1")}/get/responses/${status}/content/application~1json/schema`;
  return ajv.compile({ $ref: `openweathermap${pointer}` });
}

/** Every example the spec gives for a status, by name. */
function examplesOf(status: number): Record<string, { value: unknown }> {
  const operation = (spec.paths as Record<string, { get: { responses: Record<string, unknown> } }>)[PATH].get;
  const content = (operation.responses[status] as { content: Record<string, { examples: Record<string, unknown> }> })
    .content["application/json"];
  return content.examples as Record<string, { value: unknown }>;
}

async function call(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  const body = (await response.json()) as { cod?: unknown };
  return { status: response.status, type: response.headers.get("content-type"), body };
}

describe("the suite's demo OpenWeatherMap mock", () => {
  test("answers what the weather service calls with the spec's examples, each fitting its schema", async (t) => {
    const mock = await startOpenWeatherMapMock({ ...readLayout({}), openweatherMockPort: 0 });
    t.after(() => mock.close());
    assert.match(mock.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const cases: { query: string; headers?: Record<string, string>; status: number; example: string }[] = [
      // What the weather service sends in demo: a place by name or coordinates, metric, the key `demo`.
      { query: "q=Paris&units=metric&appid=demo", status: 200, example: "berlin_metric" },
      { query: "lat=48.85&lon=2.35&units=metric&appid=demo", status: 200, example: "berlin_metric" },
      {
        query: "q=Paris&appid=demo",
        headers: { prefer: "example=new_york_imperial" },
        status: 200,
        example: "new_york_imperial",
      },
      { query: "q=Atlantis&appid=demo", headers: { prefer: "code=404" }, status: 404, example: "city_not_found" },
      { query: "q=Paris&appid=demo", headers: { prefer: "code=429" }, status: 429, example: "rate_limited" },
      { query: "q=Paris", status: 401, example: "invalid_api_key" },
      { query: "lat=91&lon=0&appid=demo", status: 400, example: "nothing_to_geocode" },
      { query: "q=Paris&units=kelvin&appid=demo", status: 400, example: "nothing_to_geocode" },
    ];
    for (const { query, headers, status, example } of cases) {
      const answer = await call(`${mock.url}${PATH}?${query}`, headers);
      assert.equal(answer.status, status, query);
      assert.match(answer.type ?? "", /^application\/json/);
      assert.deepEqual(answer.body, examplesOf(status)[example].value, `${query} answers the example ${example}`);
      const validate = answerSchema(status);
      assert.ok(validate(answer.body), `${query}: ${JSON.stringify(validate.errors)}`);
    }
  });

  test("every example of the spec fits its schema (what the mock may answer)", () => {
    for (const status of [200, 400, 401, 404, 429]) {
      const validate = answerSchema(status);
      for (const [name, { value }] of Object.entries(examplesOf(status))) {
        assert.ok(validate(value), `${status} ${name}: ${JSON.stringify(validate.errors)}`);
      }
    }
  });

  test("a path or method the spec lacks is a 404 or 405 in OpenWeatherMap's error shape", async (t) => {
    const mock = await startOpenWeatherMapMock({ ...readLayout({}), openweatherMockPort: 0 });
    t.after(() => mock.close());
    const missing = await call(`${mock.url}/data/2.5/forecast?q=Paris&appid=demo`);
    assert.equal(missing.status, 404);
    assert.equal(missing.body.cod, "404");
    const posted = await fetch(`${mock.url}${PATH}?q=Paris&appid=demo`, { method: "POST" });
    assert.equal(posted.status, 405);
    assert.equal(((await posted.json()) as { cod: string }).cod, "405");
  });

  test("a port in use is a StartupError naming OPENWEATHER_MOCK_PORT", async (t) => {
    const held = await occupyPort();
    t.after(() => held.close());
    await assert.rejects(startOpenWeatherMapMock({ ...readLayout({}), openweatherMockPort: held.port }), {
      name: "StartupError",
      variable: "OPENWEATHER_MOCK_PORT",
      message: `OPENWEATHER_MOCK_PORT=${held.port}: 127.0.0.1:${held.port} is already in use (set OPENWEATHER_MOCK_PORT to a free port)`,
    });
  });
});
