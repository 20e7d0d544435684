import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { build } from "../helper.ts";
import { call, VARIANTS } from "../wire.ts";

const MISSING_ID = "01900000-0000-7000-8000-000000000000";

for (const variant of VARIANTS) {
  describe(`settings and location over ${variant.name}`, () => {
    test("setSetting, getSetting, listSettings and deleteSetting work as the bot's config commands", async (t) => {
      const app = await build(t);
      const user = await call(app, variant, "createUser", { url: "/users", body: { display_name: "Bertie" } });
      const base = `/users/${user.body.id}/settings`;
      const set = await call(app, variant, "setSetting", { url: `${base}/units`, body: { value: "metric" } });
      assert.equal(set.status, 200);
      assert.equal(set.body.key, "units");
      assert.equal(set.body.value, "metric");
      await call(app, variant, "setSetting", { url: `${base}/lang`, body: { value: "en" } });
      const replaced = await call(app, variant, "setSetting", { url: `${base}/units`, body: { value: "imperial" } });
      assert.equal(replaced.body.value, "imperial");
      const got = await call(app, variant, "getSetting", { url: `${base}/units` });
      assert.equal(got.status, 200);
      assert.equal(got.body.value, "imperial");
      const list = await call(app, variant, "listSettings", { url: base });
      assert.deepEqual(list.body.items.map((s: { key: string; value: string }) => [s.key, s.value]).sort(), [
        ["lang", "en"],
        ["units", "imperial"],
      ]);
      assert.equal((await call(app, variant, "deleteSetting", { url: `${base}/units` })).status, 204);
      const gone = await call(app, variant, "getSetting", { url: `${base}/units` });
      assert.equal(gone.status, 404);
      assert.equal(gone.body.code, "DATASERVICE_ERR_SETTING_NOT_FOUND");
      assert.equal((await call(app, variant, "deleteSetting", { url: `${base}/units` })).status, 404);
    });

    test("settings of a missing user answer 404 user not found; a bad key answers 400", async (t) => {
      const app = await build(t);
      const base = `/users/${MISSING_ID}/settings`;
      for (const [operationId, url, body] of [
        ["listSettings", base, undefined],
        ["getSetting", `${base}/units`, undefined],
        ["setSetting", `${base}/units`, { value: "metric" }],
        ["deleteSetting", `${base}/units`, undefined],
      ] as const) {
        const res = await call(app, variant, operationId, { url, body });
        assert.equal(res.status, 404, operationId);
        assert.equal(res.body.code, "DATASERVICE_ERR_USER_NOT_FOUND", operationId);
      }
      const user = await call(app, variant, "createUser", { url: "/users", body: { display_name: "Bertie" } });
      const bad = await call(app, variant, "setSetting", {
        url: `/users/${user.body.id}/settings/Not%20A%20Key`,
        body: { value: "x" },
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.errors[0].field, "/params/key");
    });

    test("setLocation, getLocation and deleteLocation keep the user's place, shown on the user too", async (t) => {
      const app = await build(t);
      const user = await call(app, variant, "createUser", { url: "/users", body: { display_name: "Bertie" } });
      const url = `/users/${user.body.id}/location`;
      assert.equal((await call(app, variant, "getLocation", { url })).status, 404);
      const set = await call(app, variant, "setLocation", { url, body: { place: "Paris", lat: 48.8566, lon: 2.3522 } });
      assert.equal(set.status, 200);
      assert.deepEqual(set.body, { place: "Paris", lat: 48.8566, lon: 2.3522 });
      assert.deepEqual((await call(app, variant, "getLocation", { url })).body, set.body);
      const shown = await call(app, variant, "getUser", { url: `/users/${user.body.id}` });
      assert.equal(shown.body.location, "Paris");
      assert.notEqual(shown.headers.etag, user.headers.etag, "a new location is a new version of the user");
      assert.equal((await call(app, variant, "deleteLocation", { url })).status, 204);
      assert.equal((await call(app, variant, "getLocation", { url })).status, 404);
      assert.equal((await call(app, variant, "deleteLocation", { url })).status, 404);
      const outOfRange = await call(app, variant, "setLocation", { url, body: { place: "Nowhere", lat: 91 } });
      assert.equal(outOfRange.status, 400);
      assert.equal(outOfRange.body.errors[0].field, "/body/lat");
    });
  });
}
