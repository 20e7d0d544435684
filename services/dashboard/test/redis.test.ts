import assert from "node:assert/strict";
import { test } from "node:test";
import { connectRedis } from "@jeeves/service-kit";
import { deleteRedisKeys, redisTestPrefix, requireRedis, TEST_REDIS_URL } from "@jeeves/testing";
import { BERTIE, PASSWORD } from "./fake-upstreams.ts";
import { build, call } from "./helper.ts";

test("with REDIS_URL two replicas share the sessions and the failed-login counts", async (t) => {
  if (!(await requireRedis(t))) return;
  const redisKeyPrefix = redisTestPrefix("dashboard-app");
  const client = await connectRedis(TEST_REDIS_URL, { warn() {}, info() {} });
  t.after(async () => {
    await deleteRedisKeys(client, redisKeyPrefix);
    client.disconnect();
  });
  const one = await build(t, { redisUrl: TEST_REDIS_URL, redisKeyPrefix, loginFailuresPerMinute: 2 });
  const two = await build(t, { redisUrl: TEST_REDIS_URL, redisKeyPrefix, loginFailuresPerMinute: 2 });
  const login = await call(one.app, "POST", "/api/session", { body: { email: BERTIE.email, password: PASSWORD } });
  assert.equal(login.status, 200);
  const cookie = String(login.headers["set-cookie"]).split(";")[0];
  const session = await call(two.app, "GET", "/api/session", { headers: { cookie } });
  assert.equal(session.status, 200);
  assert.equal(session.body.csrf_token, login.body.csrf_token);
  const out = await call(two.app, "DELETE", "/api/session", {
    headers: { cookie, "x-csrf-token": login.body.csrf_token },
  });
  assert.equal(out.status, 204);
  assert.equal((await call(one.app, "GET", "/api/session", { headers: { cookie } })).status, 401);
  const wrong = { email: BERTIE.email, password: "wrong-password" };
  assert.equal((await call(one.app, "POST", "/api/session", { body: wrong })).status, 401);
  assert.equal((await call(two.app, "POST", "/api/session", { body: wrong })).status, 401);
  assert.equal((await call(one.app, "POST", "/api/session", { body: wrong })).status, 429);
  assert.equal((await call(two.app, "POST", "/api/session", { body: wrong })).status, 429);
});
