import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { Writable } from "node:stream";
import { test } from "node:test";
import { BOT_TOKEN, type E2e, mention, startE2e, waitFor } from "./harness.ts";

/** A secret the conversation used, and what it is (for the failure message). */
interface Secret {
  what: string;
  value: string;
}

/** Every form a secret could take in a log line: as is, URL-encoded, base64 and base64url. */
function forms(secret: Secret): Secret[] {
  const values = new Set([
    secret.value,
    encodeURIComponent(secret.value),
    Buffer.from(secret.value).toString("base64"),
    Buffer.from(secret.value).toString("base64url"),
  ]);
  return [...values].map((value) => ({ what: secret.what, value }));
}

/** The client secrets the TokenDealer wrote in the data folder, one per client. */
async function clientSecrets(dataRoot: string): Promise<Secret[]> {
  const folder = join(dataRoot, "tokendealer", "secrets");
  const files = (await readdir(folder)).filter((name) => name.endsWith(".secret"));
  return Promise.all(
    files.map(async (name) => ({
      what: `client secret ${name}`,
      value: (await readFile(join(folder, name), "utf8")).trim(),
    })),
  );
}

/** A client credentials token from the TokenDealer (HTTP Basic), and the Basic header it was fetched with. */
async function fetchToken(e: E2e, clientId: string, secret: string, audience: string) {
  const basic = `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`;
  const res = await fetch(`${e.suite.layout.urls.tokendealer}/oauth/token`, {
    method: "POST",
    headers: { authorization: basic, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", audience }).toString(),
  });
  assert.equal(res.status, 200, await res.clone().text());
  const { access_token } = (await res.json()) as { access_token: string };
  return { token: access_token, basic };
}

test("a whole conversation writes none of its secrets, tokens, passwords or client secrets to any log line", async (t) => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  const openweatherKey = `owm-${randomBytes(16).toString("hex")}`;
  const slackClientSecret = `slack-client-${randomBytes(16).toString("hex")}`;
  const e = await startE2e(t, {
    bus: "memory",
    logger: { level: "trace", stream },
    env: {
      OPENWEATHER_API_KEY: openweatherKey,
      SLACK_CLIENT_ID: "1234567890.1234567890123",
      SLACK_CLIENT_SECRET: slackClientSecret,
    },
  });
  const { urls } = e.suite.layout;
  const secrets: Secret[] = [
    { what: "the Slack signing secret", value: e.signingSecret },
    { what: "the OpenWeatherMap API key", value: openweatherKey },
    { what: "the Slack app's client secret", value: slackClientSecret },
    { what: "the test workspace's bot token", value: BOT_TOKEN },
    ...(await clientSecrets(e.dataRoot)),
  ];
  const adminSecret = secrets.find((s) => s.what === "client secret jeeves-admin.secret")?.value ?? "";
  assert.ok(adminSecret, "the TokenDealer wrote jeeves-admin's secret");
  const requestIds: string[] = [];
  const track = (res: Response) => {
    requestIds.push(res.headers.get("x-request-id") ?? "");
    return res;
  };

  // 1. The Slack install, in one browser: the state, the cookie, the code and the new bot token are secrets.
  const team = "T0LOGS0001";
  const installedToken = `xoxb-${randomBytes(12).toString("hex")}`;
  e.slack.oauth({ team: { id: team, name: "Log Club" }, botToken: installedToken, botUserId: "U0LOGBOT1" });
  const start = track(await fetch(`${urls.slackbot}/slack/install`, { redirect: "manual" }));
  assert.equal(start.status, 302);
  const state = new URL(String(start.headers.get("location"))).searchParams.get("state") ?? "";
  const cookie = (start.headers.get("set-cookie") ?? "").split(";")[0];
  const code = `${Date.now()}.${randomBytes(16).toString("hex")}`;
  const callbackUrl = `${urls.slackbot}/slack/oauth/callback?code=${code}&state=${state}`;
  const installed = track(await fetch(callbackUrl, { headers: { cookie, accept: "text/html" } }));
  assert.equal(installed.status, 200, await installed.text());
  const replayed = track(await fetch(callbackUrl, { headers: { cookie, accept: "text/html" } }));
  assert.equal(replayed.status, 400, "the state works once");
  secrets.push(
    { what: "the installed bot token", value: installedToken },
    { what: "the install state", value: state },
    { what: "the install cookie", value: cookie.split("=")[1] ?? "" },
    { what: "the install code", value: code },
  );

  // 2. Signed Slack events: a setting, the weather (OpenWeatherMap is called with the key), a forgery.
  for (const text of ["config set units metric", "weather in Paris"]) {
    assert.equal(track(await e.sendEvent(mention(text))).status, 200);
  }
  const posts = await e.slack.waitForPosts(2);
  assert.ok(
    posts.some((post) => /Paris|Berlin/.test(post.text)),
    JSON.stringify(posts.map((p) => p.text)),
  );
  const forged = await e.sendEvent(mention("help"), { headers: { "x-slack-signature": `v0=${"0".repeat(64)}` } });
  assert.equal(track(forged).status, 401);

  // 3. Tokens: fetched with HTTP Basic, then sent where they do not belong, in query strings.
  const admin = await fetchToken(e, "jeeves-admin", adminSecret, "slackbot");
  const dataserviceAdmin = await fetchToken(e, "jeeves-admin", adminSecret, "dataservice");
  secrets.push(
    { what: "a JWT for the slackbot", value: admin.token },
    { what: "a JWT for the dataservice", value: dataserviceAdmin.token },
    { what: "a Basic authorization header", value: admin.basic },
    { what: "a Basic authorization header's credentials", value: admin.basic.slice("Basic ".length) },
  );
  const query = new URLSearchParams({ grant_type: "client_credentials", client_id: "jeeves-admin" });
  query.set("client_secret", adminSecret);
  track(await fetch(`${urls.tokendealer}/oauth/token?${query}`, { method: "POST" }));
  track(await fetch(`${urls.dataservice}/workspaces?access_token=${dataserviceAdmin.token}`));
  track(await fetch(`${urls.slackbot}/health?access_token=${admin.token}&token=${BOT_TOKEN}`));

  // 4. The local chat, with the bearer token.
  const ownId = `log-secrets-${randomUUID()}`;
  for (const text of ["help", "config show"]) {
    const chat = await fetch(`${urls.slackbot}/chat`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${admin.token}`,
        "content-type": "application/json",
        accept: "application/json",
        "x-request-id": ownId,
      },
      body: JSON.stringify({ text, user: "bertie" }),
    });
    assert.equal(track(chat).status, 200, await chat.text());
  }

  // 5. The admin's password, right and wrong, at verify-password.
  const where = e.suite.admin.password;
  assert.equal(where.from, "file", "the first start generated the admin's password into a file");
  const password = where.from === "file" ? (await readFile(where.file, "utf8")).trim() : "";
  assert.ok(password, "the admin's password file is not empty");
  const wrong = `wrong-${randomBytes(12).toString("hex")}`;
  secrets.push({ what: "the admin's password", value: password }, { what: "a wrong password", value: wrong });
  for (const attempt of [password, wrong]) {
    const res = await fetch(`${urls.dataservice}/users/verify-password`, {
      method: "POST",
      headers: { authorization: `Bearer ${dataserviceAdmin.token}`, "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@jeeves.local", password: attempt }),
    });
    track(res);
    assert.equal(res.status, attempt === password ? 200 : 401, await res.text());
  }

  // Every line the services and the bus wrote so far, then the search.
  await waitFor("the last request's log line", () => lines.some((line) => line.includes(requestIds.at(-1) ?? "-")));
  assert.ok(lines.length > 50, `the suite logged (${lines.length} lines)`);
  for (const id of [...requestIds, ownId]) {
    assert.ok(id, "every response carries its request id");
    assert.ok(
      lines.some((line) => line.includes(`"request_id":"${id}"`)),
      `request ${id} is in the logs`,
    );
  }
  const leaks = secrets
    .filter((secret) => secret.value.length >= 8)
    .flatMap(forms)
    .flatMap((secret) =>
      lines.filter((line) => line.includes(secret.value)).map((line) => `${secret.what}: ${line.slice(0, 300)}`),
    );
  assert.deepEqual(leaks, []);
  assert.ok(
    lines.some((line) => line.includes("client_secret=[redacted]")),
    "the query secret's line is there",
  );
  assert.ok(
    lines.some((line) => line.includes("openweathermap answered")),
    "the OpenWeatherMap call was logged",
  );
});
