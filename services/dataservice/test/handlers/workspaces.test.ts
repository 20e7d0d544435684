import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { build } from "../helper.ts";
import { call, VARIANTS } from "../wire.ts";

const install = (n: number) => ({
  team_name: `Drones Club ${n}`,
  bot_user_id: "U0BOT0001",
  bot_token: `xoxb-test-token-${n}`,
  scopes: ["app_mentions:read", "chat:write"],
});

for (const variant of VARIANTS) {
  describe(`workspaces over ${variant.name}`, () => {
    test("installWorkspace creates (201) then updates (200), never echoing the bot token", async (t) => {
      const app = await build(t);
      const created = await call(app, variant, "installWorkspace", { url: "/workspaces/T0123ABCD", body: install(1) });
      assert.equal(created.status, 201);
      assert.equal(created.body.team_id, "T0123ABCD");
      assert.deepEqual(created.body.scopes, ["app_mentions:read", "chat:write"]);
      assert.equal(created.body.bot_token, undefined);
      const updated = await call(app, variant, "installWorkspace", {
        url: "/workspaces/T0123ABCD",
        body: { ...install(2), scopes: ["chat:write"] },
      });
      assert.equal(updated.status, 200);
      assert.equal(updated.body.team_name, "Drones Club 2");
      assert.equal(updated.body.installed_at, created.body.installed_at);
    });

    test("getWorkspace gives the bot token only with include_secrets=true", async (t) => {
      const app = await build(t);
      await call(app, variant, "installWorkspace", { url: "/workspaces/T0123ABCD", body: install(1) });
      const plain = await call(app, variant, "getWorkspace", { url: "/workspaces/T0123ABCD" });
      assert.equal(plain.status, 200);
      assert.equal(plain.body.bot_token, undefined);
      const secret = await call(app, variant, "getWorkspace", { url: "/workspaces/T0123ABCD?include_secrets=true" });
      assert.equal(secret.body.bot_token, "xoxb-test-token-1");
      const missing = await call(app, variant, "getWorkspace", { url: "/workspaces/T9999" });
      assert.equal(missing.status, 404);
      assert.equal(missing.body.code, "DATASERVICE_ERR_WORKSPACE_NOT_FOUND");
    });

    test("listWorkspaces pages without tokens; deleteWorkspace forgets one", async (t) => {
      const app = await build(t);
      for (const n of [1, 2, 3]) {
        await call(app, variant, "installWorkspace", { url: `/workspaces/T000${n}`, body: install(n) });
      }
      const first = await call(app, variant, "listWorkspaces", { url: "/workspaces?limit=2" });
      assert.deepEqual(
        first.body.items.map((w: { team_id: string }) => w.team_id),
        ["T0001", "T0002"],
      );
      assert.ok(first.body.items.every((w: { bot_token?: string }) => w.bot_token === undefined));
      const rest = await call(app, variant, "listWorkspaces", {
        url: `/workspaces?limit=2&cursor=${encodeURIComponent(first.body.next_cursor)}`,
      });
      assert.deepEqual(
        rest.body.items.map((w: { team_id: string }) => w.team_id),
        ["T0003"],
      );
      assert.equal((await call(app, variant, "deleteWorkspace", { url: "/workspaces/T0002" })).status, 204);
      assert.equal((await call(app, variant, "deleteWorkspace", { url: "/workspaces/T0002" })).status, 404);
      const after = await call(app, variant, "listWorkspaces", { url: "/workspaces" });
      assert.equal(after.body.items.length, 2);
    });

    test("a bad team id or a missing token answers 400 with field errors", async (t) => {
      const app = await build(t);
      const badId = await call(app, variant, "installWorkspace", { url: "/workspaces/not-a-team", body: install(1) });
      assert.equal(badId.status, 400);
      assert.equal(badId.body.errors[0].field, "/params/teamId");
      const { bot_token: _token, ...noToken } = install(1);
      const missing = await call(app, variant, "installWorkspace", { url: "/workspaces/T0001", body: noToken });
      assert.equal(missing.status, 400);
      assert.ok(missing.body.errors.some((e: { field: string }) => e.field === "/body/bot_token"));
    });
  });
}
