import assert from "node:assert/strict";
import { test } from "node:test";
import { createTokenExchange, TOKEN_EXCHANGE_GRANT, TokenRequestError, USER_ID_TOKEN_TYPE } from "../src/index.ts";

const BASIC = `Basic ${Buffer.from("dashboard:s3cret%3A").toString("base64")}`;

/** A fake TokenDealer answering the token exchange: one token per request, `invalid_grant` for `gone`. */
function fakeDealer(ttl = 600) {
  const forms: Record<string, string>[] = [];
  let issued = 0;
  const fetch = async (request: Request) => {
    assert.equal(new URL(request.url).pathname, "/oauth/token");
    assert.equal(request.headers.get("content-type"), "application/x-www-form-urlencoded");
    const form = Object.fromEntries(new URLSearchParams(await request.text()));
    forms.push(form);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (request.headers.get("authorization") !== BASIC)
      return Response.json({ error: "invalid_client" }, { status: 401 });
    if (form.subject_token === "gone") {
      return Response.json({ error: "invalid_grant", error_description: "no such user" }, { status: 400 });
    }
    issued++;
    return Response.json({
      access_token: `token-${form.subject_token}-${issued}`,
      token_type: "Bearer",
      expires_in: ttl,
      scope: "users:read",
      issued_token_type: "urn:ietf:params:oauth:token-type:access_token",
    });
  };
  return { fetch, forms, issued: () => issued };
}

const options = (dealer: ReturnType<typeof fakeDealer>, extra: { now?: () => number; maxSubjects?: number } = {}) => ({
  tokendealerUrl: "http://tokendealer.test",
  clientId: "dashboard",
  clientSecret: "s3cret:",
  audience: "dataservice",
  fetch: dealer.fetch,
  ...extra,
});

test("asks with Basic credentials and exactly RFC 8693's form (user id as the subject), then reuses the token", async () => {
  const dealer = fakeDealer();
  const exchange = createTokenExchange(options(dealer));
  assert.equal(await exchange.token("u-1"), "token-u-1-1");
  assert.equal(await exchange.token("u-1"), "token-u-1-1");
  assert.equal(dealer.issued(), 1);
  assert.deepEqual(dealer.forms[0], {
    grant_type: TOKEN_EXCHANGE_GRANT,
    subject_token: "u-1",
    subject_token_type: USER_ID_TOKEN_TYPE,
    audience: "dataservice",
  });
  assert.equal(TOKEN_EXCHANGE_GRANT, "urn:ietf:params:oauth:grant-type:token-exchange");
  assert.equal(USER_ID_TOKEN_TYPE, "urn:jeeves:params:oauth:token-type:user-id");
});

test("one token per subject; concurrent callers for one subject share one request", async () => {
  const dealer = fakeDealer();
  const exchange = createTokenExchange(options(dealer));
  const tokens = await Promise.all([...Array.from({ length: 10 }, () => exchange.token("a")), exchange.token("b")]);
  assert.deepEqual(new Set(tokens), new Set(["token-a-1", "token-b-2"]));
  assert.equal(dealer.issued(), 2);
});

test("a token is renewed shortly before it expires, and after invalidate", async () => {
  const dealer = fakeDealer(60);
  let clock = 1_000_000;
  const exchange = createTokenExchange(options(dealer, { now: () => clock }));
  assert.equal(await exchange.token("a"), "token-a-1");
  clock += 29_000;
  assert.equal(await exchange.token("a"), "token-a-1");
  clock += 2_000; // 31 s of 60: within the 30 s margin
  assert.equal(await exchange.token("a"), "token-a-2");
  exchange.invalidate("a", "not-the-current-one");
  assert.equal(await exchange.token("a"), "token-a-2");
  exchange.invalidate("a", "token-a-2");
  assert.equal(await exchange.token("a"), "token-a-3");
  exchange.invalidate("a");
  assert.equal(await exchange.token("a"), "token-a-4");
});

test("keeps at most maxSubjects tokens, dropping the least recently used", async () => {
  const dealer = fakeDealer();
  const exchange = createTokenExchange(options(dealer, { maxSubjects: 2 }));
  await exchange.token("a");
  await exchange.token("b");
  await exchange.token("a"); // a is now the most recent
  await exchange.token("c"); // drops b
  assert.equal(dealer.issued(), 3);
  assert.equal(await exchange.token("a"), "token-a-1");
  assert.equal(await exchange.token("b"), "token-b-4");
  assert.throws(() => createTokenExchange(options(dealer, { maxSubjects: 0 })), RangeError);
});

test("a refusal rejects with TokenRequestError (status and OAuth error) and is not kept", async () => {
  const dealer = fakeDealer();
  const exchange = createTokenExchange(options(dealer));
  await assert.rejects(exchange.token("gone"), (error: unknown) => {
    assert.ok(error instanceof TokenRequestError);
    assert.equal(error.status, 400);
    assert.equal(error.error, "invalid_grant");
    return true;
  });
  await assert.rejects(exchange.token("gone"), TokenRequestError);
  assert.equal(dealer.forms.length, 2);
  const wrong = createTokenExchange({ ...options(dealer), clientSecret: "wrong" });
  await assert.rejects(wrong.token("a"), (error: unknown) => (error as TokenRequestError).error === "invalid_client");
});
