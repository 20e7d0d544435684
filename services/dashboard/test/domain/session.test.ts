import assert from "node:assert/strict";
import { test } from "node:test";
import { newSecret, newSession, SESSION_ID, sameSecret, storageKey } from "../../src/domain/session.ts";
import { clearedSessionCookie, secureCookie, sessionCookie, sessionIdsIn } from "../../src/domain/session-cookie.ts";

test("ids and CSRF tokens are 256 random bits in base64url, never twice the same", () => {
  const secrets = new Set(Array.from({ length: 1000 }, newSecret));
  assert.equal(secrets.size, 1000);
  for (const secret of secrets) assert.match(secret, SESSION_ID);
  const session = newSession("u-1", 1000, 5);
  assert.equal(session.expiresAt, 1005);
  assert.notEqual(session.id, session.csrfToken);
});

test("sessions are stored under the SHA-256 of their id, not the id", () => {
  const id = newSecret();
  assert.notEqual(storageKey(id), id);
  assert.equal(storageKey(id), storageKey(id));
  assert.match(storageKey(id), /^[A-Za-z0-9_-]{43}$/);
});

test("sameSecret: equal strings only, any length, arrays and blanks refused", () => {
  const token = newSecret();
  assert.equal(sameSecret(token, token), true);
  assert.equal(sameSecret(`${token}x`, token), false);
  assert.equal(sameSecret(token.slice(1), token), false);
  assert.equal(sameSecret("", token), false);
  assert.equal(sameSecret(undefined, token), false);
  assert.equal(sameSecret([token], token), false);
});

test("the Cookie header: the jeeves_session values shaped like an id, a few at most", () => {
  const a = newSecret();
  const b = newSecret();
  assert.deepEqual(sessionIdsIn(undefined), []);
  assert.deepEqual(sessionIdsIn(`jeeves_session=${a}`), [a]);
  assert.deepEqual(sessionIdsIn(`x=1; jeeves_session=${a} ; jeeves_session=${b}; jeeves_session=${a}`), [a, b]);
  assert.deepEqual(sessionIdsIn("jeeves_session=short; jeeves_session2=x; =; ;;"), []);
  const many = Array.from({ length: 10 }, () => `jeeves_session=${newSecret()}`).join("; ");
  assert.equal(sessionIdsIn(many).length, 4);
});

test("Secure unless the public URL is http on this machine", () => {
  assert.equal(secureCookie(undefined), false);
  assert.equal(secureCookie("http://localhost:3006"), false);
  assert.equal(secureCookie("http://127.0.0.1:3006"), false);
  assert.equal(secureCookie("http://[::1]:3006"), false);
  assert.equal(secureCookie("https://localhost:3006"), true);
  assert.equal(secureCookie("https://jeeves.example.com"), true);
  assert.equal(secureCookie("http://jeeves.example.com"), true);
  assert.equal(
    sessionCookie("abc", 60, true),
    "jeeves_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure",
  );
  assert.equal(clearedSessionCookie(false), "jeeves_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
});
