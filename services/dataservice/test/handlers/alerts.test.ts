import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { describe, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { authHeader, authOf, build } from "../helper.ts";
import { call, VARIANTS, type Variant } from "../wire.ts";

const MISSING_ID = "01900000-0000-7000-8000-000000000000";

/** A Slack user with these settings (and a place), made through the API. */
async function subscriber(
  app: FastifyInstance,
  variant: Variant,
  slackUserId: string,
  settings: Record<string, string>,
  place?: string,
): Promise<string> {
  const user = await call(app, variant, "findOrCreateSlackUser", {
    url: "/users/find-or-create",
    body: { slack_team_id: "T0123ABCD", slack_user_id: slackUserId },
  });
  for (const [key, value] of Object.entries(settings)) {
    await call(app, variant, "setSetting", { url: `/users/${user.body.id}/settings/${key}`, body: { value } });
  }
  if (place) await call(app, variant, "setLocation", { url: `/users/${user.body.id}/location`, body: { place } });
  return user.body.id;
}

for (const variant of VARIANTS) {
  describe(`alerts over ${variant.name}`, () => {
    test("listAlertSubscriptions answers the users with alerts on, their time, zone, units and place", async (t) => {
      const app = await build(t);
      const paris = await subscriber(
        app,
        variant,
        "U0PARIS01",
        { alerts: "07:30", timezone: "Europe/Paris", units: "imperial" },
        "Paris",
      );
      const utc = await subscriber(app, variant, "U0UTC0001", { alerts: "08:00" });
      await subscriber(app, variant, "U0OFF0001", { units: "metric" }, "Oslo");
      const page = await call(app, variant, "listAlertSubscriptions", { url: "/alert-subscriptions" });
      assert.equal(page.status, 200);
      assert.deepEqual(page.body, {
        items: [
          {
            user_id: paris,
            slack_team_id: "T0123ABCD",
            slack_user_id: "U0PARIS01",
            alert_time: "07:30",
            timezone: "Europe/Paris",
            units: "imperial",
            location: "Paris",
          },
          {
            user_id: utc,
            slack_team_id: "T0123ABCD",
            slack_user_id: "U0UTC0001",
            alert_time: "08:00",
            timezone: "UTC",
          },
        ],
      });
    });

    test("listAlertSubscriptions pages with a cursor and refuses a bad one", async (t) => {
      const app = await build(t);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push(await subscriber(app, variant, `U0SUB000${i}`, { alerts: `0${i}:15` }));
      const first = await call(app, variant, "listAlertSubscriptions", { url: "/alert-subscriptions?limit=2" });
      assert.equal(first.body.items.length, 2);
      const second = await call(app, variant, "listAlertSubscriptions", {
        url: `/alert-subscriptions?limit=2&cursor=${encodeURIComponent(first.body.next_cursor)}`,
      });
      assert.equal(second.body.next_cursor, undefined);
      assert.deepEqual(
        [...first.body.items, ...second.body.items].map((s: { user_id: string }) => s.user_id),
        ids,
      );
      const bad = await call(app, variant, "listAlertSubscriptions", { url: "/alert-subscriptions?cursor=nope" });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.code, "DATASERVICE_ERR_BAD_CURSOR");
      const empty = await call(await build(t), variant, "listAlertSubscriptions", { url: "/alert-subscriptions" });
      assert.equal(empty.status, 200);
      // An empty page is zero bytes in protobuf (every field at its default), which the wire helper leaves undefined.
      assert.deepEqual(empty.body ?? (variant.encoding === "protobuf" ? { items: [] } : undefined), { items: [] });
    });

    test("claimAlertSend answers 201 to the first claim of a user's local date and 409 after", async (t) => {
      const app = await build(t);
      const userId = await subscriber(app, variant, "U0CLAIM01", { alerts: "08:00" });
      const body = { user_id: userId, local_date: "2026-11-28" };
      const first = await call(app, variant, "claimAlertSend", { url: "/alert-sends", body });
      assert.equal(first.status, 201);
      assert.equal(first.body.user_id, userId);
      assert.equal(first.body.local_date, "2026-11-28");
      assert.match(first.body.claimed_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const again = await call(app, variant, "claimAlertSend", { url: "/alert-sends", body });
      assert.equal(again.status, 409);
      assert.equal(again.contentType, "application/problem+json");
      assert.equal(again.body.code, "DATASERVICE_ERR_ALERT_ALREADY_CLAIMED");
      const nextDay = await call(app, variant, "claimAlertSend", {
        url: "/alert-sends",
        body: { ...body, local_date: "2026-11-29" },
      });
      assert.equal(nextDay.status, 201);
    });

    test("claimAlertSend answers 404 for a missing user and 400 for a date that is not YYYY-MM-DD", async (t) => {
      const app = await build(t);
      const missing = await call(app, variant, "claimAlertSend", {
        url: "/alert-sends",
        body: { user_id: MISSING_ID, local_date: "2026-11-28" },
      });
      assert.equal(missing.status, 404);
      assert.equal(missing.body.code, "DATASERVICE_ERR_USER_NOT_FOUND");
      for (const local_date of ["28/11/2026", "2026-13-01", "2026-11-28T08:00:00Z"]) {
        const bad = await call(app, variant, "claimAlertSend", {
          url: "/alert-sends",
          body: { user_id: MISSING_ID, local_date },
        });
        assert.equal(bad.status, 400, local_date);
        assert.equal(bad.body.errors[0].field, "/body/local_date", local_date);
      }
    });
  });
}

test("of 10 concurrent claims of one user's local date exactly one is answered 201, the others 409", async (t) => {
  const app = await build(t);
  const userId = await subscriber(app, VARIANTS[0], "U0RACE001", { alerts: "08:00" });
  const answers = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      call(app, VARIANTS[i % VARIANTS.length], "claimAlertSend", {
        url: "/alert-sends",
        body: { user_id: userId, local_date: "2026-11-28" },
      }),
    ),
  );
  assert.deepEqual(answers.map((a) => a.status).sort(), [201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
});

test("listing needs users:read and claiming needs users:write", async (t) => {
  const app = await build(t);
  const { tokenWith } = authOf(app);
  const reader = { authorization: `Bearer ${await tokenWith(["users:read"])}` };
  const writer = { authorization: `Bearer ${await tokenWith(["users:write"])}` };
  const json = VARIANTS[0];
  const claim = { user_id: MISSING_ID, local_date: "2026-11-28" };
  const refusedClaim = await call(app, json, "claimAlertSend", { url: "/alert-sends", body: claim, headers: reader });
  assert.equal(refusedClaim.status, 403);
  assert.match(String(refusedClaim.headers["www-authenticate"]), /scope="users:write"/);
  const refusedList = await call(app, json, "listAlertSubscriptions", { url: "/alert-subscriptions", headers: writer });
  assert.equal(refusedList.status, 403);
  assert.match(String(refusedList.headers["www-authenticate"]), /scope="users:read"/);
  assert.equal(
    (await call(app, json, "listAlertSubscriptions", { url: "/alert-subscriptions", headers: reader })).status,
    200,
  );
  assert.equal(
    (await call(app, json, "claimAlertSend", { url: "/alert-sends", body: claim, headers: writer })).status,
    404,
  );
});

test("the scheduler's poll (listAlertSubscriptions) logs nothing at info while it succeeds; a refused one is logged", async (t) => {
  const lines: Array<{ msg?: string; level?: number; res?: { statusCode?: number } }> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  const app = await build(t, { logger: { level: "info", stream } });
  const before = lines.length;
  for (let i = 0; i < 3; i++) {
    const page = await app.inject({ method: "GET", url: "/alert-subscriptions", headers: authHeader(app) });
    assert.equal(page.statusCode, 200);
  }
  assert.deepEqual(lines.slice(before), [], "an idle scheduler's ticks leave no line");
  const refused = await app.inject({ method: "GET", url: "/alert-subscriptions" });
  assert.equal(refused.statusCode, 401);
  const logged = lines.slice(before).filter((line) => line.msg === "request completed");
  assert.deepEqual(
    logged.map((line) => [line.level, line.res?.statusCode]),
    [[30, 401]],
  );
  // Probes are as quiet (GET /health: an idle service prints nothing at info); other requests log as before.
  const quietUntil = lines.length;
  await app.inject({ method: "GET", url: "/health" });
  assert.deepEqual(lines.slice(quietUntil), [], "a health probe leaves no line at info");
  await app.inject({ method: "GET", url: "/docs/json" });
  assert.ok(lines.some((line) => line.msg === "request completed" && line.res?.statusCode === 200));
});
