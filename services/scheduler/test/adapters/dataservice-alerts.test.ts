import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createTokenProvider } from "@jeeves/client-kit";
import { createDataserviceAlerts } from "../../src/adapters/dataservice-alerts.ts";
import { AlertRecordsUnavailable, type AlertSubscription } from "../../src/domain/alert-records.ts";
import { DATASERVICE_SCOPES } from "../../src/service.ts";
import { type Environment, environment } from "../helper.ts";

/** The scheduler's view of `env`, as a client with `scopes` (default the scheduler's). */
async function alertsOf(
  env: Environment,
  options: { scopes?: string[]; encoding?: "json" | "msgpack" | "protobuf" } = {},
) {
  const scopes = options.scopes ?? DATASERVICE_SCOPES;
  const client = await env.dealer.addClient(`alerts-${Math.random().toString(36).slice(2, 10)}`, scopes, [
    "dataservice",
  ]);
  const calls: string[] = [];
  const records = createDataserviceAlerts({
    baseUrl: env.url,
    auth: createTokenProvider({
      tokendealerUrl: env.dealer.url,
      clientId: client.id,
      clientSecret: client.secret,
      audience: "dataservice",
      scopes,
    }),
    encoding: options.encoding,
    pageSize: 2,
    fetch: (request) => {
      calls.push(`${request.method} ${new URL(request.url).pathname} ${request.headers.get("accept")?.split(",")[0]}`);
      return fetch(request);
    },
  });
  return { records, calls };
}

async function all(iterable: AsyncIterable<AlertSubscription>): Promise<AlertSubscription[]> {
  const items: AlertSubscription[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

for (const encoding of ["json", "msgpack", "protobuf"] as const) {
  describe(`dataservice alerts over ${encoding}`, () => {
    it("lists every subscription, a page per request, and claims each user's day once", async (t) => {
      const env = await environment(t);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        ids.push(
          await env.subscriber({
            slack: { team: "T0DRONES1", user: `U0MEMBER${i}` },
            settings: { alerts: `0${i}:30`, ...(i === 0 ? { timezone: "Europe/Paris", units: "imperial" } : {}) },
            ...(i === 0 ? { place: "Paris" } : {}),
          }),
        );
      }
      await env.subscriber({ slack: { team: "T0DRONES1", user: "U0NOALERT" }, settings: { units: "metric" } });
      const { records, calls } = await alertsOf(env, { encoding });
      const listed = await all(records.subscriptions());
      assert.deepEqual(
        listed.map((s) => s.user_id),
        ids,
      );
      assert.deepEqual(listed[0], {
        user_id: ids[0],
        slack_team_id: "T0DRONES1",
        slack_user_id: "U0MEMBER0",
        alert_time: "00:30",
        timezone: "Europe/Paris",
        units: "imperial",
        location: "Paris",
      });
      assert.deepEqual(listed[1], {
        user_id: ids[1],
        slack_team_id: "T0DRONES1",
        slack_user_id: "U0MEMBER1",
        alert_time: "01:30",
        timezone: "UTC",
      });
      const wire = { json: "application/json", msgpack: "application/msgpack", protobuf: "application/x-protobuf" };
      assert.deepEqual(calls, Array(3).fill(`GET /alert-subscriptions ${wire[encoding]}`), "three pages of two");

      assert.equal(await records.claim(ids[0], "2026-11-28"), "claimed");
      assert.equal(await records.claim(ids[0], "2026-11-28"), "already-claimed");
      assert.equal(await records.claim(ids[0], "2026-11-29"), "claimed");
      assert.equal(await records.claim("01900000-0000-7000-8000-000000000000", "2026-11-28"), "no-user");
    });
  });
}

describe("dataservice alerts when the dataservice cannot help", () => {
  it("throws AlertRecordsUnavailable when the token lacks users:write for the claim", async (t) => {
    const env = await environment(t);
    const id = await env.subscriber({ settings: { alerts: "08:00" } });
    const { records } = await alertsOf(env, { scopes: ["users:read"] });
    assert.equal((await all(records.subscriptions())).length, 1, "listing needs only users:read");
    await assert.rejects(records.claim(id, "2026-11-28"), (error: unknown) => {
      assert.ok(error instanceof AlertRecordsUnavailable);
      assert.match(error.message, /^dataservice claimAlertSend: answered 403/);
      return true;
    });
  });

  it("throws AlertRecordsUnavailable when the dataservice does not answer", async (t) => {
    const env = await environment(t);
    const { records } = await alertsOf(env);
    const down = createDataserviceAlerts({
      baseUrl: "http://127.0.0.1:9",
      auth: { token: async () => "not-needed", invalidate() {} },
    });
    await assert.rejects(all(down.subscriptions()), AlertRecordsUnavailable);
    await assert.rejects(down.claim("01900000-0000-7000-8000-000000000000", "2026-11-28"), AlertRecordsUnavailable);
    assert.deepEqual(await all(records.subscriptions()), [], "the real one answers an empty list");
  });

  it("throws AlertRecordsUnavailable on an answer it does not expect (a refused date)", async (t) => {
    const env = await environment(t);
    const { records } = await alertsOf(env);
    await assert.rejects(records.claim("01900000-0000-7000-8000-000000000000", "28/11/2026"), (error: unknown) => {
      assert.ok(error instanceof AlertRecordsUnavailable);
      assert.match(error.message, /answered 400 SERVICE_ERR_VALIDATION/);
      return true;
    });
  });
});
