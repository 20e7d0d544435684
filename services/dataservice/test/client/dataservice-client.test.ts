import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createTokenProvider } from "@jeeves/client-kit";
import { createDataserviceClient } from "@jeeves/client-kit/clients/dataservice";
import { fetchFromInject } from "@jeeves/client-kit/testing";
import { ALL_SCOPES, authOf, build } from "../helper.ts";
import { VARIANTS } from "../wire.ts";

const WIRE_TYPE = { json: "application/json", msgpack: "application/msgpack", protobuf: "application/x-protobuf" };

for (const variant of VARIANTS) {
  describe(`the generated client over ${variant.name}`, () => {
    test("every operation of the dataservice works through the client kit, in this encoding on the wire", async (t) => {
      const app = await build(t);
      const seen: Array<{ method: string; sent?: string; encoding?: string; got?: string; gzip?: string }> = [];
      const inject = fetchFromInject(app);
      const { dealer, client: credentials } = authOf(app);
      const auth = createTokenProvider({
        tokendealerUrl: dealer.url,
        clientId: credentials.id,
        clientSecret: credentials.secret,
        audience: "dataservice",
        scopes: ALL_SCOPES,
      });
      const client = createDataserviceClient({
        baseUrl: "http://dataservice.test",
        encoding: variant.encoding,
        gzip: variant.gzip,
        auth,
        fetch: async (request) => {
          const response = await inject(request);
          seen.push({
            method: request.method,
            sent: request.headers.get("content-type") ?? undefined,
            encoding: request.headers.get("content-encoding") ?? undefined,
            got: response.headers.get("content-type") ?? undefined,
            gzip: response.headers.get("content-encoding") ?? undefined,
          });
          return response;
        },
      });

      const health = await client.GET("/health");
      assert.deepEqual(health.data, { status: "ok", service: "dataservice", checks: [] });
      assert.equal((await client.GET("/ready")).data?.status, "ok");

      const created = await client.POST("/users", {
        body: { email: "bertie@example.com", display_name: "Bertie", password: "what-ho-jeeves" },
      });
      assert.equal(created.response.status, 201);
      const user = created.data!;
      const userId = user.id;
      assert.equal(user.display_name, "Bertie");

      const got = await client.GET("/users/{userId}", { params: { path: { userId } } });
      assert.deepEqual(got.data, user);
      const etag = got.response.headers.get("etag")!;
      const cached = await client.GET("/users/{userId}", {
        params: { path: { userId }, header: { "If-None-Match": etag } },
      });
      assert.equal(cached.response.status, 304);

      const updated = await client.PATCH("/users/{userId}", {
        params: { path: { userId }, header: { "If-Match": etag } },
        body: { display_name: "Bertram" },
      });
      assert.equal(updated.data?.display_name, "Bertram");
      const stale = await client.PATCH("/users/{userId}", {
        params: { path: { userId }, header: { "If-Match": etag } },
        body: { display_name: "Bingo" },
      });
      assert.equal(stale.response.status, 412);
      assert.equal(stale.error?.code, "DATASERVICE_ERR_STALE");

      const duplicate = await client.POST("/users", { body: { email: "BERTIE@example.com", display_name: "Twin" } });
      assert.equal(duplicate.response.status, 409);

      const slack = { slack_team_id: "T0123ABCD", slack_user_id: "U0456EFGH" };
      const first = await client.POST("/users/find-or-create", { body: slack });
      const again = await client.POST("/users/find-or-create", { body: slack });
      assert.deepEqual([first.response.status, again.response.status], [201, 200]);
      assert.equal(again.data?.id, first.data?.id);

      const login = await client.POST("/users/verify-password", {
        body: { email: "bertie@example.com", password: "what-ho-jeeves" },
      });
      assert.equal(login.data?.id, userId);
      const badLogin = await client.POST("/users/verify-password", {
        body: { email: "bertie@example.com", password: "wrong-password" },
      });
      assert.equal(badLogin.response.status, 401);

      const page = await client.GET("/users", { params: { query: { limit: 1 } } });
      assert.equal(page.data?.items.length, 1);
      const next = await client.GET("/users", { params: { query: { limit: 1, cursor: page.data?.next_cursor } } });
      assert.notEqual(next.data?.items[0].id, page.data?.items[0].id);

      const path = { userId, key: "units" };
      assert.equal(
        (await client.PUT("/users/{userId}/settings/{key}", { params: { path }, body: { value: "metric" } })).data
          ?.value,
        "metric",
      );
      assert.equal((await client.GET("/users/{userId}/settings/{key}", { params: { path } })).data?.value, "metric");
      assert.deepEqual(
        (await client.GET("/users/{userId}/settings", { params: { path: { userId } } })).data?.items.map((s) => s.key),
        ["units"],
      );
      assert.equal((await client.DELETE("/users/{userId}/settings/{key}", { params: { path } })).response.status, 204);
      assert.equal((await client.GET("/users/{userId}/settings/{key}", { params: { path } })).response.status, 404);

      const place = { place: "Innsbruck", lat: 47.2692, lon: 11.4041 };
      assert.deepEqual(
        (await client.PUT("/users/{userId}/location", { params: { path: { userId } }, body: place })).data,
        place,
      );
      assert.deepEqual((await client.GET("/users/{userId}/location", { params: { path: { userId } } })).data, place);
      assert.equal(
        (await client.DELETE("/users/{userId}/location", { params: { path: { userId } } })).response.status,
        204,
      );

      const alerts = { userId, key: "alerts" };
      await client.PUT("/users/{userId}/settings/{key}", { params: { path: alerts }, body: { value: "08:00" } });
      assert.deepEqual(
        (await client.GET("/alert-subscriptions")).data?.items.map((s) => [s.user_id, s.alert_time, s.timezone]),
        [[userId, "08:00", "UTC"]],
      );
      const claim = { user_id: userId, local_date: "2026-11-28" };
      assert.equal((await client.POST("/alert-sends", { body: claim })).response.status, 201);
      const twice = await client.POST("/alert-sends", { body: claim });
      assert.equal(twice.response.status, 409);
      assert.equal(twice.error?.code, "DATASERVICE_ERR_ALERT_ALREADY_CLAIMED");

      const team = { teamId: "T0123ABCD" };
      const install = {
        team_name: "Drones Club",
        bot_user_id: "U0BOT0001",
        bot_token: "xoxb-secret",
        scopes: ["chat:write"],
      };
      assert.equal(
        (await client.PUT("/workspaces/{teamId}", { params: { path: team }, body: install })).response.status,
        201,
      );
      const secret = await client.GET("/workspaces/{teamId}", {
        params: { path: team, query: { include_secrets: true } },
      });
      assert.equal(secret.data?.bot_token, "xoxb-secret");
      assert.deepEqual(
        (await client.GET("/workspaces")).data?.items.map((w) => w.team_id),
        ["T0123ABCD"],
      );
      assert.equal((await client.DELETE("/workspaces/{teamId}", { params: { path: team } })).response.status, 204);

      assert.equal((await client.DELETE("/users/{userId}", { params: { path: { userId } } })).response.status, 204);
      assert.equal((await client.GET("/users/{userId}", { params: { path: { userId } } })).response.status, 404);

      const wire = WIRE_TYPE[variant.encoding];
      const withBody = seen.filter((s) => s.sent);
      assert.ok(withBody.length >= 8);
      assert.ok(withBody.every((s) => s.sent === wire && s.encoding === (variant.gzip ? "gzip" : undefined)));
      const answered = seen.filter((s) => s.got && s.got !== "application/problem+json");
      assert.ok(
        answered.every((s) => s.got === wire),
        "every success body came in the chosen encoding",
      );
    });
  });
}
