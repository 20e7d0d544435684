import assert from "node:assert/strict";
import { test } from "node:test";
import { exportJWK, exportSPKI, generateKeyPair, type JWK, SignJWT, UnsecuredJWT } from "jose";
import { createTokenVerifier, InvalidTokenError } from "../src/index.ts";
import { build } from "./helper.ts";

const ISSUER = "http://tokendealer.test";
const JWKS_URL = `${ISSUER}/.well-known/jwks.json`;

/** A stand-in for the TokenDealer's keys: sign tokens, publish and retire keys, count JWKS fetches. */
async function keyring() {
  type Pair = Awaited<ReturnType<typeof generateKeyPair>>;
  const keys = new Map<string, Pair & { jwk: JWK }>();
  let fetches = 0;
  const add = async (kid: string, alg: "RS256" | "ES256" = "RS256") => {
    const pair = await generateKeyPair(alg, { extractable: true });
    keys.set(kid, { ...pair, jwk: { ...(await exportJWK(pair.publicKey)), kid, alg, use: "sig" } });
    return kid;
  };
  const published = new Set<string>();
  const ring = {
    add,
    publish: (kid: string) => published.add(kid),
    retire: (kid: string) => published.delete(kid),
    fetches: () => fetches,
    key: (kid: string) => keys.get(kid)!,
    fetch: (async () => {
      fetches++;
      const body = { keys: [...published].map((kid) => keys.get(kid)!.jwk) };
      return new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
    }) as typeof fetch,
    sign: (kid: string, claims: Record<string, unknown> = {}, alg = "RS256") => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ scope: "users:read users:write", ...claims })
        .setProtectedHeader({ alg, kid, typ: "at+jwt" })
        .setIssuer(ISSUER)
        .setAudience((claims.aud as string) ?? "dataservice")
        .setSubject("actions")
        .setIssuedAt(now)
        .setExpirationTime((claims.exp as number) ?? now + 600)
        .setJti(crypto.randomUUID())
        .sign(keys.get(kid)!.privateKey);
    },
  };
  await add("k1");
  ring.publish("k1");
  return ring;
}

const verifierFor = (ring: Awaited<ReturnType<typeof keyring>>) =>
  createTokenVerifier({ jwksUrl: JWKS_URL, issuer: ISSUER, audience: "dataservice", fetch: ring.fetch });

const refused = async (promise: Promise<unknown>, reason: RegExp) =>
  assert.rejects(promise, (error: unknown) => error instanceof InvalidTokenError && reason.test(error.message));

test("a token from the dealer verifies, with its client and scopes", async () => {
  const ring = await keyring();
  const verified = await verifierFor(ring).verify(await ring.sign("k1"));
  assert.equal(verified.clientId, "actions");
  assert.deepEqual([...verified.scopes], ["users:read", "users:write"]);
});

test("a person's token (with act) speaks for the person sub, issued to the acting client", async () => {
  const ring = await keyring();
  const verifier = verifierFor(ring);
  const person = "0190b8a2-7c1e-7d4a-9f3e-5b2a1c0d9e8f";
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT({ scope: "users:read", ...claims })
      .setProtectedHeader({ alg: "RS256", kid: "k1", typ: "at+jwt" })
      .setIssuer(ISSUER)
      .setAudience("dataservice")
      .setExpirationTime("5m")
      .sign(ring.key("k1").privateKey);
  const verified = await verifier.verify(
    await sign({ sub: person, client_id: "dashboard", act: { sub: "dashboard" } }),
  );
  assert.equal(verified.person, person);
  assert.equal(verified.clientId, "dashboard");
  assert.deepEqual([...verified.scopes], ["users:read"]);
  const bare = await verifier.verify(await sign({ sub: person, act: { sub: "portal" } }));
  assert.deepEqual([bare.person, bare.clientId], [person, "portal"], "without client_id the actor is the client");
  const service = await verifier.verify(await sign({ sub: "actions", client_id: "actions" }));
  assert.equal(service.person, undefined, "a service's own token speaks for no person");
  assert.equal(service.clientId, "actions");
  for (const act of ["dashboard", null, {}, { sub: 7 }, []]) {
    await refused(verifier.verify(await sign({ sub: person, client_id: "dashboard", act })), /act claim/);
  }
});

test("expired tokens, other audiences and other issuers are refused", async () => {
  const ring = await keyring();
  const verifier = verifierFor(ring);
  const past = Math.floor(Date.now() / 1000) - 60;
  await refused(verifier.verify(await ring.sign("k1", { exp: past })), /expired/);
  await refused(verifier.verify(await ring.sign("k1", { aud: "weather" })), /aud/);
  const other = await new SignJWT({ scope: "users:read" })
    .setProtectedHeader({ alg: "RS256", kid: "k1" })
    .setIssuer("http://evil.test")
    .setAudience("dataservice")
    .setSubject("x")
    .setExpirationTime("5m")
    .sign(ring.key("k1").privateKey);
  await refused(verifier.verify(other), /iss/);
});

test("a tampered signature, alg none and an HS256 token keyed with the public key are refused", async () => {
  const ring = await keyring();
  const verifier = verifierFor(ring);
  const good = await ring.sign("k1");
  const [header, payload, signature] = good.split(".");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
  const forged = Buffer.from(JSON.stringify({ ...claims, scope: "admin" })).toString("base64url");
  await refused(verifier.verify(`${header}.${forged}.${signature}`), /signature/);
  const flipped = signature.slice(0, -2) + (signature.endsWith("AA") ? "BB" : "AA");
  await refused(verifier.verify(`${header}.${payload}.${flipped}`), /signature|not valid/);
  const none = new UnsecuredJWT(claims).encode();
  await refused(verifier.verify(none), /algorithm|not valid/);
  const pem = await exportSPKI(ring.key("k1").publicKey);
  const confused = await new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", kid: "k1" })
    .sign(new TextEncoder().encode(pem));
  await refused(verifier.verify(confused), /algorithm/);
});

test("an unknown kid triggers one JWKS refresh, not one per request", async (t) => {
  // jose keeps the JWKS cooldown on Date.now: a mocked Date moves it, not the time the test takes.
  t.mock.timers.enable({ apis: ["Date"], now: Date.now() });
  const ring = await keyring();
  const verifier = createTokenVerifier({
    jwksUrl: JWKS_URL,
    issuer: ISSUER,
    audience: "dataservice",
    fetch: ring.fetch,
    cooldownMs: 30_000,
  });
  await verifier.verify(await ring.sign("k1"));
  assert.equal(ring.fetches(), 1);
  t.mock.timers.tick(30_001);
  await ring.add("stranger");
  const stranger = await ring.sign("stranger");
  for (let i = 0; i < 5; i++) await refused(verifier.verify(stranger), /not published|not valid/);
  assert.equal(ring.fetches(), 2, "five requests with an unknown kid cost one refresh");
  for (let i = 0; i < 5; i++) await verifier.verify(await ring.sign("k1"));
  assert.equal(ring.fetches(), 2, "known keys need no fetch");
  t.mock.timers.tick(30_001);
  await refused(verifier.verify(stranger), /not published|not valid/);
  assert.equal(ring.fetches(), 3, "after the cooldown an unknown kid is looked up again");
});

test("after rotation old tokens stay valid until their key is retired", async (t) => {
  t.mock.timers.enable({ apis: ["Date"], now: Date.now() });
  const ring = await keyring();
  const oldToken = await ring.sign("k1");
  const options = { jwksUrl: JWKS_URL, issuer: ISSUER, audience: "dataservice", fetch: ring.fetch };
  const verifier = createTokenVerifier({ ...options, cooldownMs: 0, jwksMaxAgeMs: 60_000 });
  assert.equal((await verifier.verify(oldToken)).clientId, "actions");
  await ring.add("k2");
  ring.publish("k2");
  assert.equal((await verifier.verify(await ring.sign("k2"))).clientId, "actions", "the new key is fetched");
  assert.equal((await verifier.verify(await ring.sign("k1"))).clientId, "actions", "k1 is still published");
  ring.retire("k1");
  await refused(createTokenVerifier(options).verify(oldToken), /not published/);
  t.mock.timers.tick(60_001);
  await refused(verifier.verify(await ring.sign("k1")), /not published/);
});

test("a verified token is kept until its expiry, then verified again (and refused)", async () => {
  const ring = await keyring();
  let clock = Date.now();
  const verifier = createTokenVerifier({
    jwksUrl: JWKS_URL,
    issuer: ISSUER,
    audience: "dataservice",
    fetch: ring.fetch,
    now: () => clock,
  });
  const exp = Math.floor(clock / 1000) + 60;
  const token = await ring.sign("k1", { exp });
  assert.equal(verifier.known?.(token), undefined, "not known before it is verified");
  const first = await verifier.verify(token);
  assert.equal(await verifier.verify(token), first, "the second use is answered from the cache");
  assert.equal(verifier.known?.(token), first, "and known at once, without a promise");
  clock = exp * 1000;
  assert.equal(await verifier.verify(token), first, "kept up to its expiry");
  clock = exp * 1000 + 6_000;
  assert.equal(verifier.known?.(token), undefined, "no longer known past its expiry");
  await refused(verifier.verify(token), /expired/);
});

test("at most cacheSize verified tokens are kept: the least recently used goes", async () => {
  const ring = await keyring();
  const verifier = createTokenVerifier({
    jwksUrl: JWKS_URL,
    issuer: ISSUER,
    audience: "dataservice",
    fetch: ring.fetch,
    cacheSize: 2,
  });
  const [a, b, c] = await Promise.all([ring.sign("k1"), ring.sign("k1"), ring.sign("k1")]);
  const first = { a: await verifier.verify(a), b: await verifier.verify(b) };
  assert.equal(await verifier.verify(a), first.a);
  await verifier.verify(c);
  assert.equal(await verifier.verify(a), first.a, "a was used last but one: kept");
  assert.notEqual(await verifier.verify(b), first.b, "b went");
});

test("ES256 tokens verify too", async () => {
  const ring = await keyring();
  await ring.add("ec", "ES256");
  ring.publish("ec");
  const verified = await verifierFor(ring).verify(await ring.sign("ec", {}, "ES256"));
  assert.equal(verified.clientId, "actions");
});

test("protected routes answer 401 with a Bearer challenge, 403 for a missing scope, and run with one", async (t) => {
  const ring = await keyring();
  const app = await build(t, { verifier: verifierFor(ring) });
  const none = await app.inject({ method: "GET", url: "/secret" });
  assert.equal(none.statusCode, 401);
  assert.equal(none.headers["www-authenticate"], 'Bearer realm="jeeves"');
  assert.equal(none.json().code, "SERVICE_ERR_UNAUTHENTICATED");
  const bad = await app.inject({ method: "GET", url: "/secret", headers: { authorization: "Bearer not.a.token" } });
  assert.equal(bad.statusCode, 401);
  assert.match(String(bad.headers["www-authenticate"]), /^Bearer realm="jeeves", error="invalid_token"/);
  const readOnly = await ring.sign("k1", { scope: "users:read" });
  const forbidden = await app.inject({
    method: "GET",
    url: "/secret",
    headers: { authorization: `Bearer ${readOnly}` },
  });
  assert.equal(forbidden.statusCode, 403);
  assert.equal(
    forbidden.headers["www-authenticate"],
    'Bearer realm="jeeves", error="insufficient_scope", scope="users:read users:write"',
  );
  assert.equal(forbidden.json().code, "SERVICE_ERR_INSUFFICIENT_SCOPE");
  const full = await ring.sign("k1");
  assert.equal(
    (await app.inject({ method: "GET", url: "/secret", headers: { authorization: `Bearer ${full}` } })).statusCode,
    204,
  );
  const admin = await ring.sign("k1", { scope: "admin" });
  assert.equal(
    (await app.inject({ method: "GET", url: "/secret", headers: { authorization: `Bearer ${admin}` } })).statusCode,
    204,
    "any one requirement is enough",
  );
  assert.equal((await app.inject({ method: "GET", url: "/ok" })).statusCode, 200, "security: [] stays open");
});

test("a route checks a token it has verified before without verifying it again; its scopes still count", async (t) => {
  const ring = await keyring();
  const real = verifierFor(ring);
  let verifications = 0;
  const verifier = {
    known: (token: string) => real.known?.(token),
    verify: (token: string) => {
      verifications++;
      return real.verify(token);
    },
  };
  const app = await build(t, { verifier });
  const call = (token: string) =>
    app.inject({ method: "GET", url: "/secret", headers: { authorization: `Bearer ${token}` } });
  const full = await ring.sign("k1");
  assert.equal((await call(full)).statusCode, 204);
  assert.equal((await call(full)).statusCode, 204);
  assert.equal(verifications, 1, "the second request took the known token");
  const readOnly = await ring.sign("k1", { scope: "users:read" });
  assert.equal((await call(readOnly)).statusCode, 403);
  const again = await call(readOnly);
  assert.equal(again.statusCode, 403, "a known token without the scope is still refused");
  assert.equal(again.json().code, "SERVICE_ERR_INSUFFICIENT_SCOPE");
  assert.equal(verifications, 2);
});

test("an optional requirement lets anonymous callers in, but still checks a token that is sent", async (t) => {
  const ring = await keyring();
  const app = await build(t, { verifier: verifierFor(ring) });
  const anonymous = await app.inject({ method: "GET", url: "/maybe" });
  assert.equal(anonymous.statusCode, 204);
  assert.equal(anonymous.headers["x-client"], "anonymous");
  const token = await ring.sign("k1");
  const named = await app.inject({ method: "GET", url: "/maybe", headers: { authorization: `Bearer ${token}` } });
  assert.equal(named.headers["x-client"], "actions");
  const expired = await ring.sign("k1", { exp: Math.floor(Date.now() / 1000) - 60 });
  assert.equal(
    (await app.inject({ method: "GET", url: "/maybe", headers: { authorization: `Bearer ${expired}` } })).statusCode,
    401,
  );
  const noScope = await ring.sign("k1", { scope: "admin" });
  assert.equal(
    (await app.inject({ method: "GET", url: "/maybe", headers: { authorization: `Bearer ${noScope}` } })).statusCode,
    403,
  );
});

test("a spec that protects operations cannot be served without a verifier", async (t) => {
  const { createApp, openapiRoutes } = await import("../src/index.ts");
  const { echoSpec, echoHandlers } = await import("./helper.ts");
  const app = await createApp({ name: "echo", spec: echoSpec, logger: false });
  t.after(() => app.close());
  await assert.rejects(async () => {
    await app.register(openapiRoutes, { spec: echoSpec, handlers: echoHandlers });
    await app.ready();
  }, /pass a verifier/);
});
