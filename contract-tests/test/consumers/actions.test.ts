import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  createDataserviceRecords,
  createWeatherServiceReports,
  RecordsRejected,
  WeatherRejected,
} from "@jeeves/actions";
import type { TokenProvider } from "@jeeves/client-kit";
import { type Encoding, essence, MEDIA_TYPE_OF, PROBLEM_TYPE, SpecIndex } from "@jeeves/codecs";
import { spec } from "@jeeves/generated/specs/dataservice";
import { spec as weatherSpec } from "@jeeves/generated/specs/weather";
import { type RunningMock, startMock } from "../../src/mock/start-mock.ts";

const index = new SpecIndex(spec);

/** A bearer token the mock accepts: Prism checks that the credentials the spec requires are there, not what they say. */
const DUMMY_TOKEN: TokenProvider = { token: async () => "dummy-token-for-the-mock", invalidate() {} };

/** What the mock answers, from the spec's examples. */
function example(operationId: string, status: number): Record<string, unknown> {
  const schema = index.response(index.operation(operationId), status)?.schema;
  return schema?.example as Record<string, unknown>;
}

/** One request the adapter sent, and how the mock took it. */
interface Exchange {
  route: string;
  status: number;
  sent?: string;
  received?: string;
  /** The messages of Prism's `sl-violations` header: why it refused the request. */
  violations: string[];
  /** The JSON body sent (json encoding only). */
  body?: Record<string, unknown>;
}

let mock: RunningMock;
let weatherMock: RunningMock;
before(async () => {
  [mock, weatherMock] = await Promise.all([
    startMock({ spec: "specs/openapi/dataservice.yaml", validateRequests: true }),
    startMock({ spec: "specs/openapi/weather.yaml", validateRequests: true }),
  ]);
});
after(() => Promise.all([mock?.close(), weatherMock?.close()]));

/** The actions service's own records adapter, pointed at the dataservice mock, recording every exchange. */
function recordsOf(encoding: Encoding) {
  const exchanges: Exchange[] = [];
  const records = createDataserviceRecords({
    baseUrl: mock.url,
    auth: DUMMY_TOKEN,
    encoding,
    fetch: async (request) => {
      const body =
        encoding === "json" && request.body ? ((await request.clone().json()) as Record<string, unknown>) : undefined;
      const response = await fetch(request);
      exchanges.push({
        route: `${request.method} ${new URL(request.url).pathname}`,
        status: response.status,
        sent: request.headers.get("content-type") ?? undefined,
        received: response.headers.get("content-type") ?? undefined,
        violations: (JSON.parse(response.headers.get("sl-violations") ?? "[]") as Array<{ message: string }>).map(
          (v) => v.message,
        ),
        body,
      });
      return response;
    },
  });
  return { records, exchanges };
}

/** Every exchange was taken by the mock: a 2xx, no validation refusal (400/422), no violation reported. */
function assertAllValid(exchanges: Exchange[], encoding: Encoding): void {
  assert.ok(exchanges.length > 0, "the adapter sent something");
  for (const exchange of exchanges) {
    assert.ok(
      exchange.status >= 200 && exchange.status < 300,
      `${exchange.route} answered ${exchange.status}: ${exchange.violations.join("; ")}`,
    );
    assert.deepEqual(exchange.violations, [], `${exchange.route} broke the spec`);
    if (exchange.sent) assert.equal(essence(exchange.sent), MEDIA_TYPE_OF[encoding], "sent in its encoding");
    if (exchange.received) assert.equal(essence(exchange.received), MEDIA_TYPE_OF[encoding], "answered in it");
  }
}

const USER = example("findOrCreateSlackUser", 200);
const USER_ID = String(USER.id);

for (const encoding of ["json", "msgpack", "protobuf"] as Encoding[]) {
  describe(`the actions service's records (createDataserviceRecords) over ${encoding}, against the dataservice mock`, () => {
    test("findOrCreate of a Slack identity sends a SlackIdentity the spec takes and reads the user's id", async () => {
      const { records, exchanges } = recordsOf(encoding);
      const id = await records.findOrCreate({ source: "slack", team: "T0123ABCD", user: "U0456EFGH" });
      assertAllValid(exchanges, encoding);
      assert.deepEqual(
        exchanges.map((e) => e.route),
        ["POST /users/find-or-create"],
      );
      assert.equal(id, example("findOrCreateSlackUser", exchanges[0].status).id);
      if (encoding === "json")
        assert.deepEqual(exchanges[0].body, { slack_team_id: "T0123ABCD", slack_user_id: "U0456EFGH" });
    });

    test("findOrCreate of local chat people (short, long and non-ASCII names) sends identities the spec takes", async () => {
      const { records, exchanges } = recordsOf(encoding);
      const names = ["bertie", "Gussie Fink-Nottle 🦎 ".repeat(20), "Ænid Çhïffinch"];
      for (const user of names) await records.findOrCreate({ source: "local", team: "local", user });
      assertAllValid(exchanges, encoding);
      assert.equal(exchanges.length, names.length);
    });

    test("hasUser of a person of the local chat is a getUser the spec takes; its 200 is a user there", async () => {
      const { records, exchanges } = recordsOf(encoding);
      assert.equal(await records.hasUser(USER_ID), true);
      assertAllValid(exchanges, encoding);
      assert.deepEqual(
        exchanges.map((e) => e.route),
        [`GET /users/${USER_ID}`],
      );
    });

    test("settings: list, get, set and delete are requests the spec takes, and their answers are read", async () => {
      const { records, exchanges } = recordsOf(encoding);
      const listed = await records.listSettings(USER_ID);
      const value = await records.getSetting(USER_ID, "units");
      await records.setSetting(USER_ID, "units", "imperial, with feet & inches");
      const removed = await records.deleteSetting(USER_ID, "units");
      assertAllValid(exchanges, encoding);
      assert.deepEqual(
        exchanges.map((e) => e.route),
        [
          `GET /users/${USER_ID}/settings`,
          `GET /users/${USER_ID}/settings/units`,
          `PUT /users/${USER_ID}/settings/units`,
          `DELETE /users/${USER_ID}/settings/units`,
        ],
      );
      const items = example("listSettings", 200).items as Array<{ key: string; value: string }>;
      assert.deepEqual(
        listed,
        items.map(({ key, value }) => ({ key, value })),
      );
      assert.equal(value, example("getSetting", 200).value);
      assert.equal(removed, true, "a 204 means it was there");
    });

    test("location: get and set are requests the spec takes, and the saved place is read", async () => {
      const { records, exchanges } = recordsOf(encoding);
      const place = await records.getLocation(USER_ID);
      await records.setLocation(USER_ID, "Saint-Denis, FR");
      assertAllValid(exchanges, encoding);
      assert.deepEqual(
        exchanges.map((e) => e.route),
        [`GET /users/${USER_ID}/location`, `PUT /users/${USER_ID}/location`],
      );
      assert.equal(place, example("getLocation", 200).place);
      if (encoding === "json") assert.deepEqual(exchanges[1].body, { place: "Saint-Denis, FR" });
    });

    test("negative control: a setting value longer than the spec allows is refused by the mock", async () => {
      const { records, exchanges } = recordsOf(encoding);
      await assert.rejects(records.setSetting(USER_ID, "units", "m".repeat(1001)), (error: unknown) => {
        assert.ok(error instanceof RecordsRejected, String(error));
        // What the person is told is the rule the value broke, not the spec's canned 400 example.
        assert.match(error.detail, /must NOT have more than 1000 characters/);
        return true;
      });
      assert.equal(exchanges.length, 1);
      assert.equal(exchanges[0].status, 400);
      assert.ok(
        exchanges[0].violations.some((message) => message.includes("must NOT have more than 1000 characters")),
        exchanges[0].violations.join("; "),
      );
    });
  });
}

const weatherIndex = new SpecIndex(weatherSpec);
/** The report the weather mock answers (the spec's WeatherReport example). */
const REPORT = weatherIndex.response(weatherIndex.operation("getWeather"), 200)?.schema?.example as Record<
  string,
  unknown
>;

/** One request the weather adapter sent, and how the mock took it. */
interface WeatherExchange {
  route: string;
  query: Record<string, string>;
  status: number;
  accept?: string;
  authorization?: string;
  received?: string;
  violations: string[];
}

/**
 * The actions service's own weather adapter (`createWeatherServiceReports`), pointed at the weather
 * mock, recording every exchange; `prefer` goes out as a `Prefer` header.
 */
async function weatherOf(encoding: Encoding, prefer?: string) {
  const exchanges: WeatherExchange[] = [];
  const reports = createWeatherServiceReports({
    baseUrl: weatherMock.url,
    auth: DUMMY_TOKEN,
    encoding,
    fetch: async (request) => {
      const sent = new Request(request);
      if (prefer) sent.headers.set("Prefer", prefer);
      const response = await fetch(sent);
      const url = new URL(sent.url);
      exchanges.push({
        route: `${sent.method} ${url.pathname}`,
        query: Object.fromEntries(url.searchParams),
        status: response.status,
        accept: sent.headers.get("accept") ?? undefined,
        authorization: sent.headers.get("authorization") ?? undefined,
        received: response.headers.get("content-type") ?? undefined,
        violations: (JSON.parse(response.headers.get("sl-violations") ?? "[]") as Array<{ message: string }>).map(
          (v) => v.message,
        ),
      });
      return response;
    },
  });
  return { reports, exchanges };
}

for (const encoding of ["json", "msgpack", "protobuf"] as Encoding[]) {
  describe(`the actions service's weather (createWeatherServiceReports) over ${encoding}, against the weather mock`, () => {
    test("the weather in Berlin is a request the spec takes, with a token, and the report is read", async () => {
      const { reports, exchanges } = await weatherOf(encoding);
      const report = await reports.current("Berlin", "metric");
      assert.equal(exchanges.length, 1);
      const [exchange] = exchanges;
      assert.equal(exchange.status, 200, exchange.violations.join("; "));
      assert.deepEqual(exchange.violations, []);
      assert.equal(exchange.route, "GET /weather");
      assert.deepEqual(exchange.query, { location: "Berlin", units: "metric" });
      assert.equal(exchange.authorization, "Bearer dummy-token-for-the-mock");
      assert.equal(exchange.accept?.split(",")[0], MEDIA_TYPE_OF[encoding], "asked for its encoding first");
      assert.equal(essence(exchange.received), MEDIA_TYPE_OF[encoding], "answered in its encoding");
      assert.deepEqual(report, REPORT);
    });

    test("a place with a comma, spaces and accents in imperial units is a request the spec takes", async () => {
      const { reports, exchanges } = await weatherOf(encoding);
      await reports.current("Saint-Denis, Réunion", "imperial");
      assert.equal(exchanges[0].status, 200, exchanges[0].violations.join("; "));
      assert.deepEqual(exchanges[0].violations, []);
      assert.deepEqual(exchanges[0].query, { location: "Saint-Denis, Réunion", units: "imperial" });
    });

    test("404 (Prefer: code=404) is an unknown place", async () => {
      const { reports, exchanges } = await weatherOf(encoding, "code=404");
      await assert.rejects(reports.current("Atlantis", "metric"), (error: unknown) => {
        assert.ok(error instanceof Error);
        assert.equal(error.name, "UnknownPlace");
        assert.equal((error as Error & { place?: string }).place, "Atlantis");
        return true;
      });
      assert.equal(exchanges[0].status, 404);
      assert.equal(essence(exchanges[0].received), PROBLEM_TYPE);
      assert.deepEqual(exchanges[0].violations, [], "the request itself was valid");
    });

    test("negative control: a place longer than the spec allows is refused by the mock (weather rejected, place too long)", async () => {
      const { reports, exchanges } = await weatherOf(encoding);
      await assert.rejects(reports.current("x".repeat(201), "metric"), (error: unknown) => {
        assert.ok(error instanceof WeatherRejected, String(error));
        assert.equal(error.name, "WeatherRejected");
        assert.equal(error.reason, "place-too-long");
        assert.equal(error.status, 400);
        return true;
      });
      assert.equal(exchanges.length, 1);
      assert.equal(exchanges[0].status, 400);
      assert.ok(
        exchanges[0].violations.some((message) => message.includes("must NOT have more than 200 characters")),
        exchanges[0].violations.join("; "),
      );
    });
  });
}
