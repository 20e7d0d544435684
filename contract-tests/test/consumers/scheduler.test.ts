import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TokenProvider } from "@jeeves/client-kit";
import { type Encoding, essence, MEDIA_TYPE_OF, SpecIndex } from "@jeeves/codecs";
import { spec as dataserviceSpec } from "@jeeves/generated/specs/dataservice";
import { spec as weatherSpec } from "@jeeves/generated/specs/weather";
import {
  AlertRecordsUnavailable,
  type AlertSubscription,
  createDataserviceAlerts,
  createWeatherServiceReports,
  UnknownPlace,
} from "@jeeves/scheduler";
import { type RunningMock, startMock } from "../../src/mock/start-mock.ts";

const dataservice = new SpecIndex(dataserviceSpec);
const weather = new SpecIndex(weatherSpec);

/** A bearer token the mocks accept: Prism checks that the credentials the spec requires are there, not what they say. */
const DUMMY_TOKEN: TokenProvider = { token: async () => "dummy-token-for-the-mock", invalidate() {} };

/** What a mock answers, from the spec's examples. */
function example(index: SpecIndex, operationId: string, status: number): Record<string, unknown> {
  return index.response(index.operation(operationId), status)?.schema?.example as Record<string, unknown>;
}

/** One request an adapter sent, and how the mock took it. */
interface Exchange {
  route: string;
  query: Record<string, string>;
  status: number;
  sent?: string;
  received?: string;
  /** The messages of Prism's `sl-violations` header: why it refused the request. */
  violations: string[];
}

/** A fetch that records every exchange with a mock, adding `Prefer` when given. */
function recording(prefer?: string) {
  const exchanges: Exchange[] = [];
  const fetchOf = async (request: Request) => {
    const sent = new Request(request);
    if (prefer) sent.headers.set("Prefer", prefer);
    const response = await fetch(sent);
    const url = new URL(sent.url);
    exchanges.push({
      route: `${sent.method} ${url.pathname}`,
      query: Object.fromEntries(url.searchParams),
      status: response.status,
      sent: sent.headers.get("content-type") ?? undefined,
      received: response.headers.get("content-type") ?? undefined,
      violations: (JSON.parse(response.headers.get("sl-violations") ?? "[]") as Array<{ message: string }>).map(
        (v) => v.message,
      ),
    });
    return response;
  };
  return { exchanges, fetch: fetchOf };
}

/** Every exchange was taken by the mock (2xx, no violation), in the adapter's encoding. */
function assertAllValid(exchanges: Exchange[], encoding: Encoding): void {
  assert.ok(exchanges.length > 0, "the adapter sent something");
  for (const exchange of exchanges) {
    assert.ok(
      exchange.status >= 200 && exchange.status < 300,
      `${exchange.route} answered ${exchange.status}: ${exchange.violations.join("; ")}`,
    );
    assert.deepEqual(exchange.violations, [], `${exchange.route} broke the spec`);
    if (exchange.sent) assert.equal(essence(exchange.sent), MEDIA_TYPE_OF[encoding], "sent in its encoding");
    assert.equal(essence(exchange.received), MEDIA_TYPE_OF[encoding], "answered in it");
  }
}

let dataserviceMock: RunningMock;
let weatherMock: RunningMock;
before(async () => {
  [dataserviceMock, weatherMock] = await Promise.all([
    startMock({ spec: "specs/openapi/dataservice.yaml", validateRequests: true }),
    startMock({ spec: "specs/openapi/weather.yaml", validateRequests: true }),
  ]);
});
after(() => Promise.all([dataserviceMock?.close(), weatherMock?.close()]));

/** The scheduler's own alert records (createDataserviceAlerts), pointed at the dataservice mock. */
function alertsOf(encoding: Encoding, options: { prefer?: string; pageSize?: number } = {}) {
  const wire = recording(options.prefer);
  const alerts = createDataserviceAlerts({
    baseUrl: dataserviceMock.url,
    auth: DUMMY_TOKEN,
    encoding,
    fetch: wire.fetch,
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
  });
  return { alerts, exchanges: wire.exchanges };
}

/** The first `count` subscriptions the adapter lists (the mock's example page always names a next page). */
async function firstSubscriptions(source: AsyncIterable<AlertSubscription>, count: number) {
  const seen: AlertSubscription[] = [];
  for await (const subscription of source) {
    seen.push(subscription);
    if (seen.length === count) break;
  }
  return seen;
}

/** The scheduler's own weather (createWeatherServiceReports), pointed at the weather mock. */
function weatherOf(encoding: Encoding, prefer?: string) {
  const wire = recording(prefer);
  const reports = createWeatherServiceReports({
    baseUrl: weatherMock.url,
    auth: DUMMY_TOKEN,
    encoding,
    fetch: wire.fetch,
  });
  return { reports, exchanges: wire.exchanges };
}

const PAGE = example(dataservice, "listAlertSubscriptions", 200) as {
  items: AlertSubscription[];
  next_cursor: string;
};
const USER_ID = PAGE.items[0].user_id;

for (const encoding of ["json", "msgpack", "protobuf"] as Encoding[]) {
  describe(`the scheduler's alert records (createDataserviceAlerts) over ${encoding}, against the dataservice mock`, () => {
    test("listing subscriptions asks page after page with the cursor, in requests the spec takes", async () => {
      const { alerts, exchanges } = alertsOf(encoding);
      const seen = await firstSubscriptions(alerts.subscriptions(), PAGE.items.length + 1);
      assertAllValid(exchanges, encoding);
      assert.deepEqual(
        exchanges.map((e) => [e.route, e.query]),
        [
          ["GET /alert-subscriptions", { limit: "200" }],
          ["GET /alert-subscriptions", { limit: "200", cursor: PAGE.next_cursor }],
        ],
      );
      assert.deepEqual(seen, [...PAGE.items, PAGE.items[0]]);
    });

    test("claiming a user's alert for a local date is a request the spec takes; 201 is claimed", async () => {
      const { alerts, exchanges } = alertsOf(encoding);
      assert.equal(await alerts.claim(USER_ID, "2026-11-28"), "claimed");
      assertAllValid(exchanges, encoding);
      assert.deepEqual(
        exchanges.map((e) => e.route),
        ["POST /alert-sends"],
      );
    });

    test("409 (Prefer: code=409) is already claimed, 404 (Prefer: code=404) no such user", async () => {
      const claimed = alertsOf(encoding, { prefer: "code=409" });
      assert.equal(await claimed.alerts.claim(USER_ID, "2026-11-28"), "already-claimed");
      const gone = alertsOf(encoding, { prefer: "code=404" });
      assert.equal(await gone.alerts.claim(USER_ID, "2026-11-28"), "no-user");
      for (const exchange of [...claimed.exchanges, ...gone.exchanges]) assert.deepEqual(exchange.violations, []);
      assert.deepEqual(
        [...claimed.exchanges, ...gone.exchanges].map((e) => e.status),
        [409, 404],
      );
    });

    test("negative control: a local date that is not a date is refused by the mock", async () => {
      const { alerts, exchanges } = alertsOf(encoding);
      await assert.rejects(alerts.claim(USER_ID, "28/11/2026"), AlertRecordsUnavailable);
      assert.equal(exchanges.length, 1);
      assert.equal(exchanges[0].status, 400);
      assert.ok(
        exchanges[0].violations.some((message) => message.includes('must match format "date"')),
        exchanges[0].violations.join("; "),
      );
    });

    test("negative control: a page larger than the spec allows is refused by the mock", async () => {
      const { alerts, exchanges } = alertsOf(encoding, { pageSize: 500 });
      await assert.rejects(firstSubscriptions(alerts.subscriptions(), 1), AlertRecordsUnavailable);
      assert.equal(exchanges.length, 1);
      assert.equal(exchanges[0].status, 400);
      assert.ok(
        exchanges[0].violations.some((message) => message.includes("must be <= 200")),
        exchanges[0].violations.join("; "),
      );
    });
  });

  describe(`the scheduler's weather (createWeatherServiceReports) over ${encoding}, against the weather mock`, () => {
    test("the weather at a subscriber's place is a request the spec takes, and the report is read", async () => {
      const { reports, exchanges } = weatherOf(encoding);
      const report = await reports.current("Paris", "metric");
      assertAllValid(exchanges, encoding);
      assert.deepEqual(
        exchanges.map((e) => [e.route, e.query]),
        [["GET /weather", { location: "Paris", units: "metric" }]],
      );
      const answer = example(weather, "getWeather", 200);
      assert.deepEqual(report, answer, "the whole report, as the spec's example has it");
    });

    test("404 (Prefer: code=404) is an unknown place", async () => {
      const { reports, exchanges } = weatherOf(encoding, "code=404");
      await assert.rejects(reports.current("Atlantis", "imperial"), UnknownPlace);
      assert.equal(exchanges[0].status, 404);
      assert.deepEqual(exchanges[0].violations, [], "the request itself was valid");
    });

    test("negative control: a place longer than the spec allows is refused by the mock (weather rejected, a 4xx is permanent)", async () => {
      const { reports, exchanges } = weatherOf(encoding);
      await assert.rejects(reports.current("x".repeat(201), "metric"), { name: "WeatherRejected" });
      assert.equal(exchanges[0].status, 400);
      assert.ok(
        exchanges[0].violations.some((message) => message.includes("must NOT have more than 200 characters")),
        exchanges[0].violations.join("; "),
      );
    });
  });
}
