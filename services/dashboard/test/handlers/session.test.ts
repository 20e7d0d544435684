import assert from "node:assert/strict";
import { test } from "node:test";
import { problemResponse } from "../../testing/index.ts";
import { BERTIE, dataserviceScript, PASSWORD } from "../fake-upstreams.ts";
import { build, call } from "../helper.ts";

const login = { email: BERTIE.email, password: PASSWORD };

/** The session cookie of a Set-Cookie header, and its attributes. */
function parseSetCookie(header: unknown) {
  assert.equal(typeof header, "string", "one Set-Cookie");
  const [pair, ...attributes] = (header as string).split("; ");
  const [name, value] = [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)];
  return { name, value, attributes };
}

test("a right email and password log in: the session cookie (httpOnly, SameSite=Lax, Path=/, 8 h), the user and the CSRF token", async (t) => {
  const { app, dataservice } = await build(t);
  const res = await call(app, "POST", "/api/session", { body: login });
  assert.equal(res.status, 200);
  assert.equal(res.headers["cache-control"], "no-store");
  const cookie = parseSetCookie(res.headers["set-cookie"]);
  assert.equal(cookie.name, "jeeves_session");
  assert.match(cookie.value, /^[A-Za-z0-9_-]{43}$/, "256 random bits");
  assert.deepEqual(
    cookie.attributes,
    ["Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=28800"],
    "not Secure on localhost",
  );
  assert.deepEqual(res.body.user, BERTIE);
  assert.match(res.body.csrf_token, /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(res.body.csrf_token, cookie.value);
  const expires = Date.parse(res.body.expires_at);
  assert.ok(Math.abs(expires - (Date.now() + 8 * 3600_000)) < 60_000, "expires in 8 hours");
  // The password went to the dataservice's verifyPassword with the dashboard's own token.
  const check = dataservice.seen.find((seen) => seen.path === "/users/verify-password");
  assert.equal(check?.headers.authorization, "Bearer own");
  assert.deepEqual(JSON.parse(check?.body ?? "{}"), login);

  const session = await call(app, "GET", "/api/session", { headers: { cookie: `jeeves_session=${cookie.value}` } });
  assert.equal(session.status, 200);
  assert.equal(session.headers["cache-control"], "no-store");
  assert.deepEqual(session.body, { user: BERTIE, csrf_token: res.body.csrf_token, expires_at: res.body.expires_at });
  // GET /api/session asked the dataservice with the person's own token.
  assert.equal(dataservice.seen.at(-1)?.headers.authorization, `Bearer person-${BERTIE.id}`);
});

test("the cookie is Secure when the public URL is not http on this machine", async (t) => {
  const { app } = await build(t, { secureCookie: true });
  const res = await call(app, "POST", "/api/session", { body: login });
  assert.ok(parseSetCookie(res.headers["set-cookie"]).attributes.includes("Secure"));
});

test("a wrong email or password is 401 DASHBOARD_ERR_BAD_CREDENTIALS, the same for both, and sets no cookie", async (t) => {
  const { app } = await build(t);
  for (const body of [
    { ...login, password: "wrong-password" },
    { ...login, email: "nobody@example.com" },
  ]) {
    const res = await call(app, "POST", "/api/session", { body });
    assert.equal(res.status, 401);
    assert.equal(res.contentType, "application/problem+json");
    assert.equal(res.body.code, "DASHBOARD_ERR_BAD_CREDENTIALS");
    assert.equal(res.body.detail, "the email or the password is wrong");
    assert.equal(res.headers["set-cookie"], undefined);
  }
});

test("failed logins are limited per address and email: the 11th within a minute is 429 with Retry-After, even with the right password", async (t) => {
  const { app, dataservice } = await build(t);
  const wrong = { ...login, password: "wrong-password" };
  for (let i = 0; i < 10; i++) assert.equal((await call(app, "POST", "/api/session", { body: wrong })).status, 401);
  const checks = dataservice.seen.length;
  for (const body of [wrong, login, { ...login, email: "BERTIE@example.com" }]) {
    const res = await call(app, "POST", "/api/session", { body });
    assert.equal(res.status, 429);
    assert.equal(res.body.code, "DASHBOARD_ERR_TOO_MANY_LOGINS");
    const retry = Number(res.headers["retry-after"]);
    assert.ok(retry >= 1 && retry <= 60, `Retry-After ${retry}`);
  }
  assert.equal(dataservice.seen.length, checks, "no password is checked meanwhile");
  // Another email from the same address, and the same email from another address, may still try.
  assert.equal(
    (await call(app, "POST", "/api/session", { body: { ...wrong, email: "other@example.com" } })).status,
    401,
  );
  const elsewhere = await app.inject({
    method: "POST",
    url: "/api/session",
    remoteAddress: "192.0.2.7",
    headers: { "content-type": "application/json" },
    payload: JSON.stringify(login),
  });
  assert.equal(elsewhere.statusCode, 200);
});

test("a limit of RATE_LIMIT_LOGIN_PER_MINUTE, and a success clears the count", async (t) => {
  const { app } = await build(t, { loginFailuresPerMinute: 2 });
  const wrong = { ...login, password: "wrong-password" };
  assert.equal((await call(app, "POST", "/api/session", { body: wrong })).status, 401);
  assert.equal((await call(app, "POST", "/api/session", { body: login })).status, 200);
  assert.equal((await call(app, "POST", "/api/session", { body: wrong })).status, 401);
  assert.equal((await call(app, "POST", "/api/session", { body: wrong })).status, 401);
  assert.equal((await call(app, "POST", "/api/session", { body: login })).status, 429);
});

test("the dataservice's own 429 at verify-password is 429 DASHBOARD_ERR_TOO_MANY_LOGINS with its Retry-After", async (t) => {
  const { app, dataservice } = await build(t);
  dataservice.script = () => problemResponse(429, { code: "SERVICE_ERR_RATE_LIMITED" }, { "retry-after": "17" });
  const res = await call(app, "POST", "/api/session", { body: login });
  assert.equal(res.status, 429);
  assert.equal(res.body.code, "DASHBOARD_ERR_TOO_MANY_LOGINS");
  assert.equal(res.headers["retry-after"], "17");
});

test("the login body must be JSON (415 otherwise: a form on another site cannot post it) and valid (400)", async (t) => {
  const { app, dataservice } = await build(t);
  for (const [type, payload] of [
    ["application/x-www-form-urlencoded", `email=${BERTIE.email}&password=${PASSWORD}`],
    ["text/plain", JSON.stringify(login)],
    ["multipart/form-data; boundary=x", "--x--"],
    ["application/msgpack", Buffer.from([0x80])],
  ] as const) {
    const res = await app.inject({ method: "POST", url: "/api/session", headers: { "content-type": type }, payload });
    assert.equal(res.statusCode, 415, type);
    assert.equal(JSON.parse(res.body).code, "SERVICE_ERR_UNSUPPORTED_MEDIA_TYPE", type);
  }
  const invalid = await call(app, "POST", "/api/session", { body: { email: "not-an-email", password: "" } });
  assert.equal(invalid.status, 400);
  assert.deepEqual(invalid.body.errors.map((e: { field: string }) => e.field).sort(), [
    "/body/email",
    "/body/password",
  ]);
  assert.equal(dataservice.seen.length, 0);
});

test("logging in again ends the session the browser had", async (t) => {
  const { app, logIn } = await build(t);
  const before = await logIn();
  const res = await call(app, "POST", "/api/session", { body: login, headers: { cookie: before.cookie } });
  assert.equal(res.status, 200);
  assert.equal((await call(app, "GET", "/api/session", { headers: { cookie: before.cookie } })).status, 401);
});

test("no session, an unknown or malformed cookie, an expired session: 401 DASHBOARD_ERR_NOT_LOGGED_IN", async (t) => {
  let clock = Date.now();
  const { app, logIn } = await build(t, { now: () => clock, sessionTtlSeconds: 60 });
  for (const cookie of [
    undefined,
    "jeeves_session=",
    `jeeves_session=${"a".repeat(43)}`,
    "jeeves_session=../../x",
    "other=1",
  ]) {
    const res = await call(app, "GET", "/api/session", { headers: cookie ? { cookie } : {} });
    assert.equal(res.status, 401, String(cookie));
    assert.equal(res.body.code, "DASHBOARD_ERR_NOT_LOGGED_IN");
  }
  const { cookie } = await logIn();
  assert.equal((await call(app, "GET", "/api/session", { headers: { cookie: `a=b; ${cookie}; c=d` } })).status, 200);
  clock += 61_000;
  assert.equal((await call(app, "GET", "/api/session", { headers: { cookie } })).status, 401);
});

test("a person the dataservice no longer knows is logged out (401, cookie cleared)", async (t) => {
  const { app, dataservice, logIn } = await build(t);
  const { cookie } = await logIn();
  dataservice.script = () => problemResponse(404, { code: "DATASERVICE_ERR_USER_NOT_FOUND" });
  const res = await call(app, "GET", "/api/session", { headers: { cookie } });
  assert.equal(res.status, 401);
  assert.match(String(res.headers["set-cookie"]), /^jeeves_session=; .*Max-Age=0/);
  dataservice.script = dataserviceScript;
  assert.equal((await call(app, "GET", "/api/session", { headers: { cookie } })).status, 401, "the session ended");
});

test("logging out needs the CSRF token; it ends the session, clears the cookie and forgets the person's tokens", async (t) => {
  const { app, logIn, personTokens, chatTokens } = await build(t);
  const { cookie, headers } = await logIn();
  const refused = await call(app, "DELETE", "/api/session", { headers: { cookie } });
  assert.equal(refused.status, 403);
  assert.equal(refused.body.code, "DASHBOARD_ERR_CSRF");
  const out = await call(app, "DELETE", "/api/session", { headers });
  assert.equal(out.status, 204);
  assert.equal(out.headers["set-cookie"], "jeeves_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
  assert.equal(personTokens.issued.get(BERTIE.id), 2, "the cached token was dropped");
  assert.equal(chatTokens.issued.get(BERTIE.id), 2, "and the one for the chat");
  assert.equal((await call(app, "GET", "/api/session", { headers: { cookie } })).status, 401);
  assert.equal((await call(app, "DELETE", "/api/session", { headers })).status, 401);
});

test("every state-changing call refuses a missing or wrong X-CSRF-Token with 403 before anything is read or sent", async (t) => {
  const { app, dataservice, slackbot, logIn } = await build(t);
  const { cookie, session } = await logIn();
  const other = await logIn();
  const calls: Array<[Parameters<typeof call>[1], string, unknown?]> = [
    ["DELETE", "/api/session"],
    ["POST", "/api/users", { email: "a@example.com", display_name: "A", password: "long-enough" }],
    ["PATCH", `/api/users/${BERTIE.id}`, { display_name: "B" }],
    ["DELETE", `/api/users/${BERTIE.id}`],
    ["PUT", "/api/me/location", { place: "Paris" }],
    ["DELETE", "/api/me/location"],
    ["PUT", "/api/me/settings/units", { value: "metric" }],
    ["DELETE", "/api/me/settings/units"],
    ["POST", "/api/chat", { text: "help" }],
  ];
  for (const [method, url, body] of calls) {
    for (const token of [undefined, "", "wrong", other.session.csrfToken, session.csrfToken.slice(1)]) {
      const headers: Record<string, string> = { cookie };
      if (token !== undefined) headers["x-csrf-token"] = token;
      const res = await call(app, method, url, { body, headers });
      assert.equal(res.status, 403, `${method} ${url} with ${JSON.stringify(token)}`);
      assert.equal(res.body.code, "DASHBOARD_ERR_CSRF");
    }
    // Without any session it is 401 first.
    assert.equal((await call(app, method, url, { body })).status, 401, `${method} ${url} without a session`);
  }
  assert.equal(dataservice.seen.length + slackbot.seen.length, 0);
});

test("passwords and cookies never reach the log", async (t) => {
  const lines: string[] = [];
  const stream = { write: (line: string) => lines.push(line) };
  const { app } = await build(t, { logger: { level: "trace", stream } });
  const ok = await call(app, "POST", "/api/session", { body: login });
  const cookie = `jeeves_session=${parseSetCookie(ok.headers["set-cookie"]).value}`;
  await call(app, "POST", "/api/session", { body: { ...login, password: "a-wrong-one" } });
  await call(app, "GET", "/api/session", { headers: { cookie } });
  await call(app, "DELETE", "/api/session", { headers: { cookie, "x-csrf-token": ok.body.csrf_token } });
  const log = lines.join("\n");
  assert.ok(lines.length > 5, "something was logged");
  for (const secret of [PASSWORD, "a-wrong-one", cookie.split("=")[1], ok.body.csrf_token]) {
    assert.ok(!log.includes(secret), "a secret was logged");
  }
});
