import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { startE2e } from "./harness.ts";

/** A JSON call to the dashboard as a browser makes it (the session cookie, the CSRF header). */
async function dashboardCall(
  base: string,
  method: string,
  path: string,
  options: { cookie?: string; csrf?: string; body?: unknown } = {},
) {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.csrf) headers["x-csrf-token"] = options.csrf;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: tests read any field of the JSON body
  const body: any = text ? JSON.parse(text) : undefined;
  return { status: res.status, headers: res.headers, body };
}

/** Logs in through the dashboard; the cookie and CSRF token of the new session. */
async function logIn(base: string, email: string, password: string) {
  const res = await dashboardCall(base, "POST", "/api/session", { body: { email, password } });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  return { cookie, csrf: res.body.csrf_token as string, user: res.body.user };
}

/**
 * The dashboard in the whole suite, as `npm start` runs it: the first admin logs in with the password
 * of the suite's secrets folder; the person's calls carry tokens the TokenDealer issues for that person
 * (token exchange), so the dataservice decides: the admin creates a user, that user may not.
 */
test("the dashboard in the suite: the admin logs in, manages users and their own profile, sees workspaces and chats with Jeeves as themselves; a non-admin is refused by the dataservice", async (t) => {
  const e = await startE2e(t, { bus: "memory" });
  const base = e.suite.layout.urls.dashboard;
  const where = e.suite.admin.password;
  assert.equal(where.from, "file");
  const password = where.from === "file" ? (await readFile(where.file, "utf8")).trim() : "";
  assert.equal((await dashboardCall(base, "GET", "/api/session")).status, 401);
  const admin = await logIn(base, e.suite.admin.email, password);
  assert.equal(admin.user.is_admin, true);

  // The person's own calls: with a token the TokenDealer issued for this person.
  const session = await dashboardCall(base, "GET", "/api/session", { cookie: admin.cookie });
  assert.equal(session.status, 200, JSON.stringify(session.body));
  assert.equal(session.body.user.email, e.suite.admin.email);
  const set = await dashboardCall(base, "PUT", "/api/me/settings/units", { ...admin, body: { value: "imperial" } });
  assert.equal(set.status, 200, JSON.stringify(set.body));
  assert.equal(
    (await dashboardCall(base, "PUT", "/api/me/location", { ...admin, body: { place: "London" } })).status,
    200,
  );
  const profile = await dashboardCall(base, "GET", "/api/me", { cookie: admin.cookie });
  assert.deepEqual(profile.body.location, { place: "London" });
  assert.equal(profile.body.settings.find((s: { key: string }) => s.key === "units")?.value, "imperial");

  // Admins manage users.
  const newcomer = { email: "gussie@example.com", display_name: "Gussie Fink-Nottle", password: "newts-newts" };
  const created = await dashboardCall(base, "POST", "/api/users", { ...admin, body: newcomer });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const found = await dashboardCall(base, "GET", "/api/users?q=gussie", { cookie: admin.cookie });
  assert.deepEqual(
    found.body.items.map((user: { email: string }) => user.email),
    ["gussie@example.com"],
  );
  const invalid = await dashboardCall(base, "PATCH", `/api/users/${created.body.id}`, {
    ...admin,
    body: { email: admin.user.email },
  });
  assert.equal(invalid.status, 409);

  // A person who is not an admin: the dataservice refuses, and the page learns its code.
  const gussie = await logIn(base, newcomer.email, newcomer.password);
  const refused = await dashboardCall(base, "POST", "/api/users", {
    ...gussie,
    body: { ...newcomer, email: "another@example.com" },
  });
  assert.equal(refused.status, 403, JSON.stringify(refused.body));
  assert.equal(refused.body.code, "DATASERVICE_ERR_ADMIN_REQUIRED");
  const renamed = await dashboardCall(base, "PATCH", `/api/users/${gussie.user.id}`, {
    ...gussie,
    body: { display_name: "Gussie" },
  });
  assert.equal(renamed.status, 200, "everyone changes their own name");

  // Workspaces (the harness installed one) and the chat.
  const workspaces = await dashboardCall(base, "GET", "/api/workspaces", { cookie: admin.cookie });
  assert.equal(workspaces.status, 200, JSON.stringify(workspaces.body));
  assert.equal(workspaces.body.items.length, 1);
  assert.equal(workspaces.body.install_url, `${e.suite.layout.urls.slackbot}/slack/install`);
  const chat = await dashboardCall(base, "POST", "/api/chat", { ...admin, body: { text: "help" } });
  assert.equal(chat.status, 200, JSON.stringify(chat.body));
  assert.match(chat.body.text, /weather/i);
  // The chat speaks as the person (their own token): Jeeves reads the place and units set above.
  const weather = await dashboardCall(base, "POST", "/api/chat", { ...admin, body: { text: "weather" } });
  assert.equal(weather.status, 200, JSON.stringify(weather.body));
  assert.match(weather.body.text, /^London, [A-Z]{2}: -?\d+°F, feels like -?\d+°F/);
  const asked = e.published.find((message) => message.text === "weather");
  assert.deepEqual(
    [asked?.person, asked?.user, asked?.channel],
    [admin.user.id, admin.user.id, `dashboard-${admin.user.id}`],
  );
  const theirs = await dashboardCall(base, "POST", "/api/chat", { ...gussie, body: { text: "get location" } });
  assert.equal(theirs.status, 200, JSON.stringify(theirs.body));
  assert.equal(theirs.body.text, "You have no saved location yet. Try `location set Innsbruck`.", "each their own");
  const services = await dashboardCall(base, "GET", "/api/services", { cookie: admin.cookie });
  assert.equal(
    services.body.items.find((s: { name: string }) => s.name === "weather")?.docs_url,
    `${e.suite.layout.urls.weather}/docs`,
  );

  assert.equal((await dashboardCall(base, "DELETE", "/api/session", admin)).status, 204);
  assert.equal((await dashboardCall(base, "GET", "/api/me", { cookie: admin.cookie })).status, 401);
});
