import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { describe, it } from "node:test";
import { publishReply, type Reply } from "@jeeves/bus";
import type { FastifyInstance } from "fastify";
import { createMemoryUsedNonces } from "../../src/adapters/memory-used-nonces.ts";
import {
  deriveStateSecret,
  INSTALL_COOKIE,
  signInstallState,
  verifyInstallState,
} from "../../src/domain/install-state.ts";
import { signedSlackRequest, TEST_INSTALL } from "../../testing/index.ts";
import { build, eventually, readWorkspace, settle } from "../helper.ts";

const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/** A team id of its own per test (the dataservice is shared by the whole file). */
function newTeam(): string {
  return `T0${randomUUID().replaceAll("-", "").slice(0, 10).toUpperCase()}`;
}

function reply(team: string): Reply {
  return {
    reply_to: `Ev${randomUUID()}`,
    destination: "slack",
    team,
    channel: "C0123CHAN",
    text: "Paris: 18 °C, light rain.",
    time: new Date().toISOString(),
  };
}

/** `GET /slack/install` as a browser does: the state on the redirect, and the install cookie it set. */
async function startInstall(app: FastifyInstance) {
  const res = await app.inject({ method: "GET", url: "/slack/install", headers: { accept: BROWSER_ACCEPT } });
  assert.equal(res.statusCode, 302, res.body);
  const location = new URL(String(res.headers.location));
  const cookie = res.cookies.find((c) => c.name === INSTALL_COOKIE);
  assert.ok(cookie, "the install cookie is set");
  return { res, location, state: location.searchParams.get("state") ?? "", cookie: cookie.value };
}

/** Slack's redirect back to `/slack/oauth/callback`, in a browser holding `cookie` (none when undefined). */
function callback(app: FastifyInstance, query: Record<string, string>, cookie?: string) {
  return app.inject({
    method: "GET",
    url: "/slack/oauth/callback",
    query,
    headers: { accept: BROWSER_ACCEPT },
    ...(cookie === undefined ? {} : { cookies: { [INSTALL_COOKIE]: cookie } }),
  });
}

/** The whole install in one browser: authorize redirect, then the callback with a new code. */
async function install(app: FastifyInstance) {
  const { state, cookie } = await startInstall(app);
  return callback(app, { code: `code-${randomUUID()}`, state }, cookie);
}

describe("GET /slack/install", () => {
  it("redirects to Slack's authorize page with client_id, the bot scopes, redirect_uri and a state that verifies", async (t) => {
    const now = 1_764_316_800_000;
    const { app, signingSecret } = await build(t, { now: () => now });
    const { res, location, state } = await startInstall(app);
    assert.equal(`${location.origin}${location.pathname}`, "https://slack.com/oauth/v2/authorize");
    assert.equal(location.searchParams.get("client_id"), TEST_INSTALL.clientId);
    assert.equal(location.searchParams.get("scope"), "app_mentions:read,chat:write,im:history,im:write");
    assert.equal(location.searchParams.get("redirect_uri"), TEST_INSTALL.redirectUri);
    assert.equal(res.headers["cache-control"], "no-store");
    // Without SLACK_STATE_SECRET, the state key is derived from the signing secret.
    const check = verifyInstallState(deriveStateSecret(signingSecret), state, now);
    assert.ok(check.ok);
    assert.equal(check.payload.exp, now / 1000 + 600);
    const again = await startInstall(app);
    assert.notEqual(again.state, state, "a new state each time");
  });

  it("uses the configured authorize URL, redirect URI and state secret", async (t) => {
    const { app } = await build(t, {
      install: {
        clientId: "C1",
        clientSecret: "s",
        authorizeUrl: "http://127.0.0.1:1/oauth/v2/authorize",
        redirectUri: "https://jeeves.example.org/slack/oauth/callback",
        stateSecret: "configured state secret",
      },
    });
    const { location, state } = await startInstall(app);
    assert.equal(`${location.origin}${location.pathname}`, "http://127.0.0.1:1/oauth/v2/authorize");
    assert.equal(location.searchParams.get("redirect_uri"), "https://jeeves.example.org/slack/oauth/callback");
    assert.ok(verifyInstallState("configured state secret", state, Date.now()).ok);
  });

  it("answers 503 'Slack install is not configured' on both endpoints without the Slack app's client id and secret", async (t) => {
    const { app, signingSecret } = await build(t, { install: false });
    const state = signInstallState(deriveStateSecret(signingSecret), { nowMs: Date.now() });
    for (const res of [
      await app.inject({ method: "GET", url: "/slack/install" }),
      await callback(app, { code: "c", state }),
    ]) {
      assert.equal(res.statusCode, 503);
      assert.match(String(res.headers["content-type"]), /^application\/problem\+json/);
      assert.equal(res.json().title, "Slack install is not configured");
      assert.equal(res.json().code, "SLACKBOT_ERR_INSTALL_NOT_CONFIGURED");
    }
  });
});

describe("GET /slack/oauth/callback", () => {
  it("exchanges the code, stores the workspace, answers an HTML page, and the next reply uses the new token", async (t) => {
    const team = newTeam();
    const { app, bus, slack, install: settings } = await build(t);
    slack.oauth({ team: { id: team, name: "Drones Club" }, botToken: `xoxb-${team}-first`, botUserId: "U0JEEVES01" });
    const { state, cookie } = await startInstall(app);
    const res = await callback(app, { code: "4724469134.4644010092847.232b4e6d82c3", state }, cookie);

    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers["content-type"], "text/html; charset=utf-8");
    assert.match(res.body, /^<!doctype html>/);
    assert.ok(res.body.includes("Jeeves is installed in Drones Club"), res.body);
    assert.equal(res.headers["cache-control"], "no-store");

    assert.deepEqual(slack.exchanges, [
      {
        code: "4724469134.4644010092847.232b4e6d82c3",
        client_id: TEST_INSTALL.clientId,
        client_secret: settings?.clientSecret,
        redirect_uri: TEST_INSTALL.redirectUri,
      },
    ]);
    const stored = await readWorkspace(team);
    assert.equal(stored?.team_name, "Drones Club");
    assert.equal(stored?.bot_user_id, "U0JEEVES01");
    assert.equal(stored?.bot_token, `xoxb-${team}-first`);
    assert.deepEqual(stored?.scopes, ["app_mentions:read", "chat:write", "im:history", "im:write"]);

    await publishReply(bus, reply(team));
    const [post] = await slack.waitForPosts(1);
    assert.equal(post.token, `xoxb-${team}-first`);
  });

  it("refuses a forged state with 400, without calling Slack or storing anything", async (t) => {
    const team = newTeam();
    const { app, slack, signingSecret } = await build(t);
    slack.oauth({ team: { id: team, name: "Forgers" }, botToken: "xoxb-forged" });
    const { state, cookie } = await startInstall(app);
    const [payload] = state.split(".");
    const forged = [
      signInstallState("a guessed secret", { nowMs: Date.now() }),
      signInstallState(signingSecret, { nowMs: Date.now() }),
      `${payload}.${"A".repeat(43)}`,
      "not-a-state",
    ];
    for (const bad of forged) {
      const res = await callback(app, { code: `code-${randomUUID()}`, state: bad }, cookie);
      assert.equal(res.statusCode, 400, bad);
      assert.match(String(res.headers["content-type"]), /^application\/problem\+json/);
      assert.equal(res.json().code, "SLACKBOT_ERR_BAD_INSTALL_STATE");
      assert.match(res.json().detail, /start again at \/slack\/install/);
    }
    assert.equal(slack.exchanges.length, 0);
    assert.equal(await readWorkspace(team), undefined);
  });

  it("refuses a state older than 10 minutes with 400 saying it expired", async (t) => {
    let now = 1_764_316_800_000;
    const { app, slack } = await build(t, { now: () => now });
    const { state, cookie } = await startInstall(app);
    now += 10 * 60_000;
    const res = await callback(app, { code: "late-code", state }, cookie);
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().code, "SLACKBOT_ERR_BAD_INSTALL_STATE");
    assert.match(res.json().detail, /expired/);
    assert.equal(slack.exchanges.length, 0);
  });

  it("answers 400 'Install cancelled' when the user cancelled in Slack (error=access_denied)", async (t) => {
    const { app, slack } = await build(t);
    const { state, cookie } = await startInstall(app);
    const res = await callback(app, { error: "access_denied", state }, cookie);
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().title, "Install cancelled");
    assert.match(res.json().detail, /cancelled in Slack \(access_denied\)/);
    assert.equal(slack.exchanges.length, 0);
  });

  it("answers 400 when Slack refuses the code (used already), 502 when it refuses the app", async (t) => {
    const { app, slack } = await build(t);
    slack.oauth({ team: { id: newTeam(), name: "Reloaders" }, botToken: "xoxb-reload" });
    const first = await startInstall(app);
    assert.equal((await callback(app, { code: "once", state: first.state }, first.cookie)).statusCode, 200);
    const second = await startInstall(app);
    const reused = await callback(app, { code: "once", state: second.state }, second.cookie);
    assert.equal(reused.statusCode, 400);
    assert.equal(reused.json().code, "SLACKBOT_ERR_INSTALL_REFUSED");
    assert.match(reused.json().detail, /invalid_code/);

    slack.oauth({ ok: false, error: "bad_client_secret" });
    const third = await startInstall(app);
    const refused = await callback(app, { code: "twice", state: third.state }, third.cookie);
    assert.equal(refused.statusCode, 502);
    assert.equal(refused.json().code, "SLACKBOT_ERR_INSTALL_FAILED");
    assert.equal(refused.json().detail, undefined, "the reason is logged, not sent");
  });

  it("answers 400 without a state, and 400 with neither a code nor an error", async (t) => {
    const { app } = await build(t);
    const noState = await callback(app, { code: "c" });
    assert.equal(noState.statusCode, 400);
    assert.equal(noState.json().code, "SERVICE_ERR_VALIDATION");
    const { state, cookie } = await startInstall(app);
    const nothing = await callback(app, { state }, cookie);
    assert.equal(nothing.statusCode, 400);
    assert.equal(nothing.json().code, "SLACKBOT_ERR_INSTALL_REFUSED");
  });

  it("escapes the team name in the page", async (t) => {
    const { app, slack } = await build(t);
    slack.oauth({ team: { id: newTeam(), name: "<script>alert(1)</script>" }, botToken: "xoxb-escape" });
    const res = await install(app);
    assert.equal(res.statusCode, 200);
    assert.ok(!res.body.includes("<script>"));
    assert.ok(res.body.includes("Jeeves is installed in &lt;script&gt;alert(1)&lt;/script&gt;"));
  });
});

describe("the install state is single-use and bound to the browser that started it", () => {
  it("sets an httpOnly, SameSite=Lax cookie for the callback's path that lives as long as the state", async (t) => {
    const { app } = await build(t);
    const { res } = await startInstall(app);
    const [cookie] = res.cookies.filter((c) => c.name === INSTALL_COOKIE);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, "Lax");
    assert.equal(cookie.path, "/slack/oauth/callback");
    assert.equal(cookie.maxAge, 600);
    assert.equal(cookie.secure, undefined, "not Secure on an http redirect URI");

    const { app: httpsApp } = await build(t, {
      install: {
        ...TEST_INSTALL,
        clientSecret: "s",
        redirectUri: "https://jeeves.example.org/jeeves/slack/oauth/callback",
      },
    });
    const secure = (await startInstall(httpsApp)).res.cookies.find((c) => c.name === INSTALL_COOKIE);
    assert.equal(secure?.secure, true, "Secure on https");
    assert.equal(secure?.path, "/jeeves/slack/oauth/callback", "the redirect URI's path");
  });

  it("a state used twice: the second callback gets 400 and the workspace's token is not overwritten", async (t) => {
    const team = newTeam();
    const { app, slack } = await build(t);
    slack.oauth({ team: { id: team, name: "Drones Club" }, botToken: `xoxb-${team}-mine` });
    const { state, cookie } = await startInstall(app);
    const first = await callback(app, { code: `code-${randomUUID()}`, state }, cookie);
    assert.equal(first.statusCode, 200, first.body);
    const cleared = first.cookies.find((c) => c.name === INSTALL_COOKIE);
    assert.ok(cleared && (cleared.maxAge === 0 || Number(cleared.expires) <= Date.now()), "the cookie is cleared");

    // Someone replays the same state (and cookie) with a code of theirs for the same workspace.
    slack.oauth({ team: { id: team, name: "Drones Club" }, botToken: `xoxb-${team}-theirs` });
    for (let i = 0; i < 2; i++) {
      const replay = await callback(app, { code: `code-${randomUUID()}`, state }, cookie);
      assert.equal(replay.statusCode, 400);
      assert.match(String(replay.headers["content-type"]), /^application\/problem\+json/);
      assert.equal(replay.json().code, "SLACKBOT_ERR_BAD_INSTALL_STATE");
      assert.match(replay.json().detail, /used already .*start again at \/slack\/install/);
    }
    assert.equal(slack.exchanges.length, 1, "the replayed codes were never exchanged");
    assert.equal((await readWorkspace(team))?.bot_token, `xoxb-${team}-mine`);
  });

  it("a state without the install cookie, or with another browser's, gets 400 and nothing is exchanged", async (t) => {
    const team = newTeam();
    const { app, slack } = await build(t);
    slack.oauth({ team: { id: team, name: "Forgers" }, botToken: `xoxb-${team}` });
    const victim = await startInstall(app);
    const attacker = await startInstall(app);
    for (const cookie of [undefined, attacker.cookie, "", victim.cookie.slice(0, -1)]) {
      const res = await callback(app, { code: `code-${randomUUID()}`, state: victim.state }, cookie);
      assert.equal(res.statusCode, 400, String(cookie));
      assert.equal(res.json().code, "SLACKBOT_ERR_BAD_INSTALL_STATE");
      assert.match(res.json().detail, /not started in this browser/);
    }
    assert.equal(slack.exchanges.length, 0);
    assert.equal(await readWorkspace(team), undefined);
    // The refusals did not use the state up: its own browser still completes the install.
    const own = await callback(app, { code: `code-${randomUUID()}`, state: victim.state }, victim.cookie);
    assert.equal(own.statusCode, 200, own.body);
  });

  it("a used state stays refused after its nonce is forgotten, since it has expired by then (fake clock)", async (t) => {
    let now = 1_764_316_800_000;
    const usedNonces = createMemoryUsedNonces({ now: () => now });
    const { app, slack } = await build(t, {
      now: () => now,
      install: { ...TEST_INSTALL, clientSecret: "s", usedNonces },
    });
    slack.oauth({ team: { id: newTeam(), name: "Late" }, botToken: "xoxb-late" });
    const { state, cookie } = await startInstall(app);
    assert.equal((await callback(app, { code: "c1", state }, cookie)).statusCode, 200);
    now += 600_000 - 1;
    const used = await callback(app, { code: "c2", state }, cookie);
    assert.equal(used.statusCode, 400);
    assert.match(used.json().detail, /used already/);
    now += 1;
    const expired = await callback(app, { code: "c3", state }, cookie);
    assert.equal(expired.statusCode, 400);
    assert.equal(expired.json().code, "SLACKBOT_ERR_BAD_INSTALL_STATE");
    assert.match(expired.json().detail, /expired/);
    // A new state's use past the old one's expiry sweeps its nonce out: memory stays bounded by the states
    // of the last 10 minutes.
    now += 1;
    const next = await startInstall(app);
    assert.equal((await callback(app, { code: "c4", state: next.state }, next.cookie)).statusCode, 200);
    assert.equal(usedNonces.size(), 1);
    assert.equal(slack.exchanges.length, 2);
  });
});

describe("workspaces after install", () => {
  it("a reinstall with a new token updates the workspace, and the next reply uses the new token at once", async (t) => {
    const team = newTeam();
    const { app, bus, slack } = await build(t);
    slack.oauth({ team: { id: team, name: "Drones Club" }, botToken: `xoxb-${team}-old` });
    assert.equal((await install(app)).statusCode, 200);
    await publishReply(bus, reply(team));
    await slack.waitForPosts(1);

    slack.oauth({ team: { id: team, name: "The Drones Club" }, botToken: `xoxb-${team}-new` });
    const res = await install(app);
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes("Jeeves is installed in The Drones Club"));
    const stored = await readWorkspace(team);
    assert.equal(stored?.bot_token, `xoxb-${team}-new`);
    assert.equal(stored?.team_name, "The Drones Club");

    // The old token was cached for 5 minutes: the reinstall dropped it.
    await publishReply(bus, reply(team));
    const posts = await slack.waitForPosts(2);
    assert.deepEqual(
      posts.map((post) => post.token),
      [`xoxb-${team}-old`, `xoxb-${team}-new`],
    );
  });

  it("each workspace's replies go out with its own token", async (t) => {
    const [first, second] = [newTeam(), newTeam()];
    const { app, bus, slack } = await build(t);
    slack.oauth({ team: { id: first, name: "First" }, botToken: `xoxb-${first}` });
    assert.equal((await install(app)).statusCode, 200);
    slack.oauth({ team: { id: second, name: "Second" }, botToken: `xoxb-${second}` });
    assert.equal((await install(app)).statusCode, 200);

    await publishReply(bus, { ...reply(second), text: "to the second" });
    await publishReply(bus, { ...reply(first), text: "to the first" });
    await publishReply(bus, { ...reply(second), text: "to the second again" });
    const posts = await slack.waitForPosts(3);
    const byText = Object.fromEntries(posts.map((post) => [post.text, post.token]));
    assert.deepEqual(byText, {
      "to the first": `xoxb-${first}`,
      "to the second": `xoxb-${second}`,
      "to the second again": `xoxb-${second}`,
    });
  });

  for (const event of [
    { type: "app_uninstalled" },
    { type: "tokens_revoked", tokens: { oauth: ["U0INSTALLER"], bot: ["U0FAKEBOT"] } },
  ]) {
    it(`${event.type} deletes the installed workspace, and a later reply is dead-lettered`, async (t) => {
      const team = newTeam();
      const { app, bus, slack, signingSecret } = await build(t, { poster: { maxAttempts: 5, retryDelayMs: 10 } });
      slack.oauth({ team: { id: team, name: "Leavers" }, botToken: `xoxb-${team}` });
      assert.equal((await install(app)).statusCode, 200);
      await publishReply(bus, reply(team));
      await slack.waitForPosts(1);

      const body = {
        type: "event_callback",
        team_id: team,
        api_app_id: "A0FAKEAPP",
        event_id: `Ev${randomUUID()}`,
        event_time: Math.floor(Date.now() / 1000),
        event,
      };
      const res = await app.inject({
        method: "POST",
        url: "/slack/events",
        ...signedSlackRequest(signingSecret, body),
      });
      assert.equal(res.statusCode, 200);
      assert.equal(await readWorkspace(team), undefined);

      await publishReply(bus, reply(team));
      await eventually(() => bus.deadLetters.length === 1, 15_000, "the dead letter");
      assert.equal(bus.deadLetters[0].attempts, 1, "an unknown workspace is not retried");
      assert.match(bus.deadLetters[0].error, new RegExp(`knows no workspace ${team}`));
      await settle(50);
      assert.equal(slack.posts.length, 1, "nothing posted with the revoked token");
    });
  }
});

describe("install logs", () => {
  it("never contain the client secret, the bot token, the code or the state, even at trace level", async (t) => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const team = newTeam();
    const { app, slack, install: settings } = await build(t, { logger: { level: "trace", stream } });
    slack.oauth({ team: { id: team, name: "Quiet Club" }, botToken: `xoxb-${team}-secret` });
    const { state, cookie } = await startInstall(app);
    const code = `code-${randomUUID()}`;
    assert.equal((await callback(app, { code, state }, cookie)).statusCode, 200);
    slack.oauth({ ok: false, error: "bad_client_secret" });
    const again = await startInstall(app);
    assert.equal((await callback(app, { code: `${code}-2`, state: again.state }, again.cookie)).statusCode, 502);
    assert.ok(lines.some((line) => line.includes("Jeeves was installed in a workspace")));
    assert.ok(lines.some((line) => line.includes("/slack/oauth/callback?code=[redacted]&state=[redacted]")));
    const secrets = [String(settings?.clientSecret), `xoxb-${team}-secret`, code, state, cookie, again.state];
    const leaks = lines.filter((line) => secrets.some((secret) => line.includes(secret)));
    assert.deepEqual(leaks, []);
  });
});
