import assert from "node:assert/strict";
import { test } from "node:test";
import type { paths } from "@jeeves/generated/openapi/dataservice";
import { spec } from "@jeeves/generated/specs/dataservice";
import { createClient, createTokenProvider, TokenRequestError } from "../src/index.ts";

/** A fake TokenDealer: counts token requests, checks Basic credentials and the form it gets. */
function fakeDealer(ttl = 600) {
  const seen: Array<{ authorization: string | null; form: Record<string, string> }> = [];
  let issued = 0;
  const fetch = async (request: Request) => {
    assert.equal(new URL(request.url).pathname, "/oauth/token");
    assert.equal(request.headers.get("content-type"), "application/x-www-form-urlencoded");
    const form = Object.fromEntries(new URLSearchParams(await request.text()));
    seen.push({ authorization: request.headers.get("authorization"), form });
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (request.headers.get("authorization") !== `Basic ${Buffer.from("actions:s3cret%3A").toString("base64")}`) {
      return Response.json({ error: "invalid_client" }, { status: 401 });
    }
    issued++;
    return Response.json({
      access_token: `token-${issued}`,
      token_type: "Bearer",
      expires_in: ttl,
      scope: form.scope ?? "",
    });
  };
  return { fetch, seen, issued: () => issued };
}

const options = (dealer: ReturnType<typeof fakeDealer>, now?: () => number) => ({
  tokendealerUrl: "http://tokendealer.test",
  clientId: "actions",
  clientSecret: "s3cret:",
  audience: "dataservice",
  scopes: ["users:read", "users:write"],
  fetch: dealer.fetch,
  now,
});

test("the provider asks with Basic credentials and a client_credentials form, then reuses the token", async () => {
  const dealer = fakeDealer();
  const provider = createTokenProvider(options(dealer));
  assert.equal(await provider.token(), "token-1");
  assert.equal(await provider.token(), "token-1");
  assert.equal(dealer.issued(), 1);
  assert.deepEqual(dealer.seen[0].form, {
    grant_type: "client_credentials",
    audience: "dataservice",
    scope: "users:read users:write",
  });
});

test("concurrent callers share one token request", async () => {
  const dealer = fakeDealer();
  const provider = createTokenProvider(options(dealer));
  const tokens = await Promise.all(Array.from({ length: 20 }, () => provider.token()));
  assert.deepEqual(new Set(tokens), new Set(["token-1"]));
  assert.equal(dealer.issued(), 1);
});

test("a token is renewed shortly before it expires", async () => {
  const dealer = fakeDealer(120);
  let clock = 1_000_000;
  const provider = createTokenProvider(options(dealer, () => clock));
  assert.equal(await provider.token(), "token-1");
  clock += 80_000;
  assert.equal(await provider.token(), "token-1", "still 40 s left");
  clock += 15_000;
  assert.equal(await provider.token(), "token-2", "within the 30 s margin");
});

test("refused credentials reject with the OAuth error, and the next call tries again", async () => {
  const dealer = fakeDealer();
  const provider = createTokenProvider({ ...options(dealer), clientSecret: "wrong" });
  await assert.rejects(provider.token(), (error: unknown) => {
    assert.ok(error instanceof TokenRequestError);
    assert.equal(error.status, 401);
    assert.equal(error.error, "invalid_client");
    assert.ok(!error.message.includes("wrong"), "the secret is not in the message");
    return true;
  });
  await assert.rejects(provider.token());
  assert.equal(dealer.seen.length, 2);
});

test("the client sends the bearer token, and on a 401 renews it once and retries", async () => {
  const dealer = fakeDealer();
  const provider = createTokenProvider(options(dealer));
  const calls: string[] = [];
  let rejectNext = 1;
  const service = async (request: Request) => {
    calls.push(`${request.headers.get("authorization")} ${await request.clone().text()}`);
    if (rejectNext-- > 0) return Response.json({ type: "x", title: "Unauthorized", status: 401 }, { status: 401 });
    return Response.json({ key: "units", value: "metric", updated_at: "2026-11-28T08:00:00.000Z" });
  };
  const client = createClient<paths>({ spec, baseUrl: "http://dataservice.test", fetch: service, auth: provider });
  const { data } = await client.PUT("/users/{userId}/settings/{key}", {
    params: { path: { userId: "0190b8a2-7c1e-7d4a-9f3e-5b2a1c0d9e8f", key: "units" } },
    body: { value: "metric" },
  });
  assert.equal(data?.value, "metric");
  assert.deepEqual(calls, ['Bearer token-1 {"value":"metric"}', 'Bearer token-2 {"value":"metric"}']);
  rejectNext = 5;
  const refused = await client.GET("/users/{userId}", {
    params: { path: { userId: "0190b8a2-7c1e-7d4a-9f3e-5b2a1c0d9e8f" } },
  });
  assert.equal(refused.response.status, 401, "only one retry");
  assert.equal(calls.length, 4);
});
