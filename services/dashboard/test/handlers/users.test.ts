import assert from "node:assert/strict";
import { test } from "node:test";
import { TokenRequestError } from "@jeeves/client-kit";
import { connectionRefused, neverAnswer, problemResponse } from "../../testing/index.ts";
import { BERTIE, dataserviceScript, OTHER_ID, PASSWORD } from "../fake-upstreams.ts";
import { build, call } from "../helper.ts";

const newUser = { email: "gussie@example.com", display_name: "Gussie Fink-Nottle", password: "newts-newts" };

test("the users list passes q, limit and cursor on with the person's token, and answers the page", async (t) => {
  const { app, dataservice, logIn } = await build(t);
  const { cookie } = await logIn();
  const res = await call(app, "GET", "/api/users?q=wooster&limit=5&cursor=abc", { headers: { cookie } });
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, { items: [BERTIE], next_cursor: "next" });
  const sent = dataservice.seen.at(-1);
  assert.equal(sent?.method, "GET");
  const url = new URL(sent?.path ?? "", "http://x");
  assert.equal(url.pathname, "/users");
  assert.deepEqual(Object.fromEntries(url.searchParams), { q: "wooster", limit: "5", cursor: "abc" });
  assert.equal(sent?.headers.authorization, `Bearer person-${BERTIE.id}`);
  // The defaults: 20 a page, no q.
  await call(app, "GET", "/api/users", { headers: { cookie } });
  assert.equal(dataservice.seen.at(-1)?.path, "/users?limit=20");
});

test("the list's own limits are checked before the dataservice is asked", async (t) => {
  const { app, dataservice, logIn } = await build(t);
  const { cookie } = await logIn();
  for (const query of ["limit=0", "limit=101", "q=", `q=${"x".repeat(101)}`]) {
    const res = await call(app, "GET", `/api/users?${query}`, { headers: { cookie } });
    assert.equal(res.status, 400, query);
    assert.equal(res.body.code, "SERVICE_ERR_VALIDATION");
  }
  assert.equal(dataservice.seen.length, 0);
});

test("create, get, update and delete go to the dataservice as the person and answer what it answers", async (t) => {
  const { app, dataservice, logIn } = await build(t);
  const { cookie, headers } = await logIn();
  const created = { ...BERTIE, id: OTHER_ID, email: newUser.email, display_name: newUser.display_name };
  dataservice.script = (request) => {
    if (request.method === "POST") return Response.json(created, { status: 201 });
    if (request.method === "DELETE") return new Response(null, { status: 204 });
    return Response.json(request.method === "PATCH" ? { ...created, display_name: "Gussie" } : created);
  };
  const post = await call(app, "POST", "/api/users", { body: newUser, headers });
  assert.equal(post.status, 201);
  assert.deepEqual(post.body, created);
  assert.deepEqual(JSON.parse(dataservice.seen.at(-1)?.body ?? ""), newUser, "the password is passed on");
  assert.equal((await call(app, "GET", `/api/users/${OTHER_ID}`, { headers: { cookie } })).body.id, OTHER_ID);
  const patch = await call(app, "PATCH", `/api/users/${OTHER_ID}`, { body: { display_name: "Gussie" }, headers });
  assert.equal(patch.body.display_name, "Gussie");
  assert.equal(dataservice.seen.at(-1)?.path, `/users/${OTHER_ID}`);
  const deleted = await call(app, "DELETE", `/api/users/${OTHER_ID}`, { headers });
  assert.equal(deleted.status, 204);
  for (const seen of dataservice.seen) assert.equal(seen.headers.authorization, `Bearer person-${BERTIE.id}`);
});

test("a change of one's own password needs the present one, checked by the dataservice and never passed on", async (t) => {
  const { app, dataservice, logIn } = await build(t);
  const { headers } = await logIn();
  dataservice.script = (request) =>
    request.method === "PATCH"
      ? Response.json({ ...BERTIE, updated_at: "2026-11-29T08:00:00.000Z" })
      : dataserviceScript(request);
  const own = `/api/users/${BERTIE.id}`;
  const before = dataservice.seen.length;
  for (const [body, message] of [
    [{ password: "a-new-password" }, "is needed to change your own password"],
    [{ password: "a-new-password", current_password: "not-it" }, "is not your present password"],
  ] as const) {
    const res = await call(app, "PATCH", own, { body, headers });
    assert.equal(res.status, 400);
    assert.equal(res.body.code, "DASHBOARD_ERR_CURRENT_PASSWORD");
    assert.deepEqual(res.body.errors, [{ field: "/body/current_password", message }]);
  }
  assert.equal(dataservice.seen.slice(before).filter((seen) => seen.method === "PATCH").length, 0, "nothing changed");
  const ok = await call(app, "PATCH", own, {
    body: { password: "a-new-password", current_password: PASSWORD },
    headers,
  });
  assert.equal(ok.status, 200);
  const sent = dataservice.seen.at(-1);
  assert.equal(sent?.method, "PATCH");
  assert.deepEqual(JSON.parse(sent?.body ?? ""), { password: "a-new-password" });
  // Another user's password (an admin's doing, judged by the dataservice) and one's own name need no present password.
  assert.equal(
    (await call(app, "PATCH", `/api/users/${OTHER_ID}`, { body: { password: "x-new-password" }, headers })).status,
    200,
  );
  assert.equal((await call(app, "PATCH", own, { body: { display_name: "Bertram" }, headers })).status, 200);
});

test("the dataservice's refusals reach the page unchanged: status, code, detail and field pointers", async (t) => {
  const { app, dataservice, logIn } = await build(t);
  const { cookie, headers } = await logIn();
  const cases = [
    {
      answer: problemResponse(400, {
        code: "SERVICE_ERR_VALIDATION",
        title: "Bad Request",
        detail: '/body/email must match format "email"',
        errors: [{ field: "/body/email", message: 'must match format "email"' }],
      }),
      request: () => call(app, "POST", "/api/users", { body: newUser, headers }),
    },
    {
      answer: problemResponse(403, {
        code: "DATASERVICE_ERR_ADMIN_REQUIRED",
        title: "Forbidden",
        detail: "only admins create users",
      }),
      request: () => call(app, "POST", "/api/users", { body: newUser, headers }),
    },
    {
      answer: problemResponse(409, {
        code: "DATASERVICE_ERR_DUPLICATE_EMAIL",
        title: "Email already in use",
        errors: [{ field: "/body/email", message: "belongs to another user" }],
      }),
      request: () => call(app, "PATCH", `/api/users/${OTHER_ID}`, { body: { email: BERTIE.email }, headers }),
    },
    {
      answer: problemResponse(404, { code: "DATASERVICE_ERR_USER_NOT_FOUND", title: "User not found" }),
      request: () => call(app, "GET", `/api/users/${OTHER_ID}`, { headers: { cookie } }),
    },
    {
      answer: problemResponse(403, { code: "DATASERVICE_ERR_ADMIN_REQUIRED", title: "Forbidden" }),
      request: () => call(app, "DELETE", `/api/users/${OTHER_ID}`, { headers }),
    },
  ];
  for (const { answer, request } of cases) {
    // biome-ignore lint/suspicious/noExplicitAny: the problem as the fake sent it
    const expected: any = await answer.clone().json();
    dataservice.script = () => answer.clone();
    const res = await request();
    assert.equal(res.status, expected.status);
    assert.equal(res.contentType, "application/problem+json");
    assert.equal(res.body.code, expected.code);
    assert.equal(res.body.title, expected.title);
    assert.equal(res.body.detail, expected.detail);
    assert.deepEqual(res.body.errors, expected.errors);
  }
});

test("5xx, timeouts and connection failures become 502/503 problems; the details go to the log only", async (t) => {
  const lines: string[] = [];
  const { app, dataservice, logIn } = await build(t, {
    timeoutMs: 50,
    logger: { level: "warn", stream: { write: (line: string) => lines.push(line) } },
  });
  const { cookie } = await logIn();
  const cases: Array<[() => Response | Promise<Response>, number, string, string | undefined]> = [
    [
      () => problemResponse(500, { code: "SERVICE_ERR_INTERNAL", detail: "secret stack" }),
      502,
      "DASHBOARD_ERR_UPSTREAM",
      undefined,
    ],
    [() => new Response("<html>bad gateway</html>", { status: 502 }), 502, "DASHBOARD_ERR_UPSTREAM", undefined],
    [
      () => problemResponse(503, { code: "DATASERVICE_ERR_DATABASE_DOWN" }, { "retry-after": "7" }),
      503,
      "DASHBOARD_ERR_UPSTREAM_UNAVAILABLE",
      "7",
    ],
    [() => problemResponse(429, { code: "SERVICE_ERR_RATE_LIMITED" }), 503, "DASHBOARD_ERR_UPSTREAM_UNAVAILABLE", "5"],
    [() => problemResponse(401, { code: "SERVICE_ERR_INVALID_TOKEN" }), 502, "DASHBOARD_ERR_UPSTREAM", undefined],
    [() => problemResponse(406, { code: "SERVICE_ERR_NOT_ACCEPTABLE" }), 502, "DASHBOARD_ERR_UPSTREAM", undefined],
    [connectionRefused, 503, "DASHBOARD_ERR_UPSTREAM_UNAVAILABLE", "5"],
    [
      () => new Response("{not json", { status: 200, headers: { "content-type": "application/json" } }),
      502,
      "DASHBOARD_ERR_UPSTREAM",
      undefined,
    ],
  ];
  for (const [answer, status, code, retryAfter] of cases) {
    dataservice.script = answer;
    const res = await call(app, "GET", `/api/users/${OTHER_ID}`, { headers: { cookie } });
    assert.equal(res.status, status, code);
    assert.equal(res.contentType, "application/problem+json");
    assert.equal(res.body.code, code);
    assert.equal(res.headers["retry-after"], retryAfter);
    assert.ok(!JSON.stringify(res.body).includes("secret stack"));
  }
  dataservice.script = (_request, signal) => neverAnswer(signal);
  const slow = await call(app, "GET", "/api/users", { headers: { cookie } });
  assert.equal(slow.status, 503);
  assert.equal(slow.body.code, "DASHBOARD_ERR_UPSTREAM_UNAVAILABLE");
  const log = lines.join("\n");
  assert.match(log, /the dataservice answered 500 to getUser/);
  assert.match(log, /the dataservice did not answer listUsers in time/);
  assert.match(log, /the dataservice cannot be reached/);
});

test("a 401 for the person's token renews it once", async (t) => {
  const { app, dataservice, logIn, personTokens } = await build(t);
  const { cookie } = await logIn();
  let first = true;
  dataservice.script = (request) => {
    if (first) {
      first = false;
      return problemResponse(401, { code: "SERVICE_ERR_INVALID_TOKEN" });
    }
    return Response.json({ ...BERTIE, seen_with: request.headers.authorization });
  };
  const res = await call(app, "GET", `/api/users/${BERTIE.id}`, { headers: { cookie } });
  assert.equal(res.status, 200);
  assert.equal(res.body.seen_with, undefined, "the answer is filtered by the spec's schema");
  assert.deepEqual(
    dataservice.seen.map((seen) => seen.headers.authorization),
    [`Bearer person-${BERTIE.id}`, `Bearer person-${BERTIE.id}-2`],
  );
  assert.equal(personTokens.issued.get(BERTIE.id), 2);
});

test("a TokenDealer that issues no token for the person is 401 (log in again); one that refuses the exchange is 502", async (t) => {
  const refusing = (error: string, status = 400) => ({
    token: async () => {
      throw new TokenRequestError(status, error);
    },
    invalidate() {},
  });
  for (const [personTokens, status, code] of [
    [refusing("invalid_grant"), 401, "DASHBOARD_ERR_NOT_LOGGED_IN"],
    [refusing("unsupported_grant_type"), 502, "DASHBOARD_ERR_UPSTREAM"],
    [refusing("invalid_client", 401), 502, "DASHBOARD_ERR_UPSTREAM"],
    [refusing("server_error", 503), 503, "DASHBOARD_ERR_UPSTREAM_UNAVAILABLE"],
  ] as const) {
    const { app, dataservice, logIn } = await build(t, { personTokens });
    const { cookie } = await logIn();
    const res = await call(app, "GET", "/api/me", { headers: { cookie } });
    assert.equal(res.status, status, personTokens === undefined ? "" : code);
    assert.equal(res.body.code, code);
    assert.equal(dataservice.seen.length, 0);
  }
});
