import assert from "node:assert/strict";
import { test } from "node:test";
import { problemResponse } from "../../testing/index.ts";
import { BERTIE } from "../fake-upstreams.ts";
import { build, call } from "../helper.ts";

const me = `/users/${BERTIE.id}`;

test("GET /api/me combines the person, their settings and their location (absent when there is none)", async (t) => {
  const { app, dataservice, logIn } = await build(t);
  const { cookie } = await logIn();
  const res = await call(app, "GET", "/api/me", { headers: { cookie } });
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, {
    user: BERTIE,
    settings: [{ key: "units", value: "metric", updated_at: BERTIE.updated_at }],
  });
  assert.deepEqual(dataservice.seen.map((seen) => `${seen.method} ${seen.path}`).sort(), [
    `GET ${me}`,
    `GET ${me}/location`,
    `GET ${me}/settings`,
  ]);
  const located = dataservice.script;
  dataservice.script = (request) =>
    request.path === `${me}/location`
      ? Response.json({ place: "Paris", lat: 48.8566, lon: 2.3522 })
      : located(request, new AbortController().signal);
  const withPlace = await call(app, "GET", "/api/me", { headers: { cookie } });
  assert.deepEqual(withPlace.body.location, { place: "Paris", lat: 48.8566, lon: 2.3522 });
});

test("a 404 of the person themselves is not a missing location: it reaches the page", async (t) => {
  const { app, dataservice, logIn } = await build(t);
  const { cookie } = await logIn();
  dataservice.script = () => problemResponse(404, { code: "DATASERVICE_ERR_USER_NOT_FOUND", title: "User not found" });
  const res = await call(app, "GET", "/api/me", { headers: { cookie } });
  assert.equal(res.status, 404);
  assert.equal(res.body.code, "DATASERVICE_ERR_USER_NOT_FOUND");
});

test("the location is saved and forgotten as the person (204 also when there was none)", async (t) => {
  const { app, dataservice, logIn } = await build(t);
  const { headers } = await logIn();
  const saved = await call(app, "PUT", "/api/me/location", { body: { place: "Paris" }, headers });
  assert.equal(saved.status, 200);
  assert.deepEqual(saved.body, { place: "Paris" });
  assert.equal(dataservice.seen.at(-1)?.path, `${me}/location`);
  assert.equal(dataservice.seen.at(-1)?.headers.authorization, `Bearer person-${BERTIE.id}`);
  assert.equal((await call(app, "DELETE", "/api/me/location", { headers })).status, 204);
  const invalid = await call(app, "PUT", "/api/me/location", { body: { place: "Paris", lat: 91 }, headers });
  assert.equal(invalid.status, 400);
  assert.equal(invalid.body.errors[0].field, "/body/lat");
});

test("settings: each key takes only its values (the error on /body/value); valid ones are saved as the person", async (t) => {
  const { app, dataservice, logIn } = await build(t);
  const { headers } = await logIn();
  const good: Array<[string, string]> = [
    ["units", "metric"],
    ["units", "imperial"],
    ["units", "standard"],
    ["timezone", "Europe/Paris"],
    ["timezone", "UTC"],
    ["timezone", "America/Argentina/Buenos_Aires"],
    ["alerts", "08:00"],
    ["alerts", "23:59"],
    ["alerts", "00:00"],
  ];
  for (const [key, value] of good) {
    const res = await call(app, "PUT", `/api/me/settings/${key}`, { body: { value }, headers });
    assert.equal(res.status, 200, `${key}=${value}`);
    assert.deepEqual(res.body, { key, value, updated_at: BERTIE.updated_at });
    assert.equal(dataservice.seen.at(-1)?.path, `${me}/settings/${key}`);
  }
  const sent = dataservice.seen.length;
  const bad: Array<[string, string]> = [
    ["units", "kelvin"],
    ["units", "Metric"],
    ["timezone", "Mars/Olympus_Mons"],
    ["timezone", "../../etc/passwd"],
    ["timezone", "Europe/Paris "],
    ["alerts", "8:00"],
    ["alerts", "24:00"],
    ["alerts", "08:60"],
    ["alerts", "on"],
  ];
  for (const [key, value] of bad) {
    const res = await call(app, "PUT", `/api/me/settings/${key}`, { body: { value }, headers });
    assert.equal(res.status, 400, `${key}=${value}`);
    assert.equal(res.body.code, "DASHBOARD_ERR_INVALID_SETTING");
    assert.equal(res.body.errors.length, 1);
    assert.equal(res.body.errors[0].field, "/body/value");
  }
  const unknown = await call(app, "PUT", "/api/me/settings/colour", { body: { value: "blue" }, headers });
  assert.equal(unknown.status, 400);
  assert.equal(unknown.body.code, "SERVICE_ERR_VALIDATION");
  assert.equal(dataservice.seen.length, sent, "nothing invalid was sent");
  const removed = await call(app, "DELETE", "/api/me/settings/alerts", { headers });
  assert.equal(removed.status, 204, "also when it was not set");
  assert.equal(dataservice.seen.at(-1)?.path, `${me}/settings/alerts`);
});
