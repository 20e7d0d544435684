import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MemoryBus, silentLogger } from "@jeeves/bus";
import { signedSlackRequest } from "../../testing/index.ts";
import {
  BOT_USER,
  build,
  eventually,
  installWorkspace,
  settle,
  spyChatMessages,
  TEAM,
  withPublish,
  workspaceExists,
} from "../helper.ts";

const NOW = 1_764_316_800;

function mention(eventId: string, overrides: Record<string, unknown> = {}) {
  return {
    token: "Jhj5dZrVaK7ZwHHjRyZWjbDl",
    team_id: TEAM,
    api_app_id: "A0123APP",
    type: "event_callback",
    event_id: eventId,
    event_time: NOW,
    authorizations: [{ team_id: TEAM, user_id: BOT_USER, is_bot: true }],
    event: {
      type: "app_mention",
      user: "U0456EFGH",
      text: `<@${BOT_USER}> weather in Paris`,
      ts: "1764316800.000100",
      channel: "C0123CHAN",
      event_ts: "1764316800.000100",
      ...overrides,
    },
  };
}

describe("POST /slack/events: the signature", () => {
  it("refuses bad, stale, unsigned and tampered requests with 401, and publishes nothing", async (t) => {
    const { app, bus, signingSecret } = await build(t);
    const published = await spyChatMessages(bus);
    const body = mention("Ev0SIG");
    const good = signedSlackRequest(signingSecret, body);
    const cases = {
      "wrong secret": signedSlackRequest("not-the-secret", body),
      stale: signedSlackRequest(signingSecret, body, { timestamp: Math.floor(Date.now() / 1000) - 301 }),
      "from the future": signedSlackRequest(signingSecret, body, { timestamp: Math.floor(Date.now() / 1000) + 400 }),
      unsigned: { headers: { "content-type": "application/json" }, payload: good.payload },
      "no timestamp": {
        headers: { ...good.headers, "x-slack-request-timestamp": "" },
        payload: good.payload,
      },
      tampered: { headers: good.headers, payload: good.payload.replace("Paris", "Berlin") },
      "unparseable body, bad signature": { headers: good.headers, payload: "{this is not json" },
    };
    for (const [name, request] of Object.entries(cases)) {
      const res = await app.inject({ method: "POST", url: "/slack/events", ...request });
      assert.equal(res.statusCode, 401, name);
      assert.equal(res.headers["content-type"], "application/problem+json", name);
      assert.equal(res.json().code, "SLACKBOT_ERR_BAD_SIGNATURE", name);
    }
    await settle();
    assert.deepEqual(published, []);
  });

  it("answers the url_verification challenge only when signed", async (t) => {
    const { app, signingSecret } = await build(t);
    const body = {
      token: "x",
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
      type: "url_verification",
    };
    const res = await app.inject({ method: "POST", url: "/slack/events", ...signedSlackRequest(signingSecret, body) });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { challenge: body.challenge });
    const forged = await app.inject({
      method: "POST",
      url: "/slack/events",
      ...signedSlackRequest("guess", body),
    });
    assert.equal(forged.statusCode, 401);
    assert.equal(forged.json().challenge, undefined);
  });

  it("refuses a body beyond the body limit with 413", async (t) => {
    const { app, signingSecret } = await build(t);
    const big = JSON.stringify({ type: "event_callback", padding: "x".repeat(1024 * 1024) });
    const res = await app.inject({ method: "POST", url: "/slack/events", ...signedSlackRequest(signingSecret, big) });
    assert.equal(res.statusCode, 413);
  });
});

describe("POST /slack/events: events", () => {
  it("publishes an app_mention once for Slack's three deliveries, as a ChatMessage to answer in a thread", async (t) => {
    const { app, bus, signingSecret } = await build(t);
    const published = await spyChatMessages(bus);
    for (const retry of [undefined, "1", "2"]) {
      const request = signedSlackRequest(signingSecret, mention("Ev0MENTION"));
      const headers = retry
        ? { ...request.headers, "x-slack-retry-num": retry, "x-slack-retry-reason": "http_timeout" }
        : request.headers;
      const res = await app.inject({ method: "POST", url: "/slack/events", headers, payload: request.payload });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { ok: true });
    }
    await eventually(() => published.length > 0, 15_000, "the published ChatMessage");
    await settle(); // a second copy would come right behind the first
    assert.deepEqual(published, [
      {
        message_id: "Ev0MENTION",
        source: "slack",
        team: TEAM,
        channel: "C0123CHAN",
        user: "U0456EFGH",
        text: `<@${BOT_USER}> weather in Paris`,
        thread: "1764316800.000100",
        time: new Date(NOW * 1000).toISOString(),
      },
    ]);
  });

  it("acknowledges without publishing messages from bots and from Jeeves itself", async (t) => {
    const { app, bus, signingSecret } = await build(t);
    const published = await spyChatMessages(bus);
    const bodies = [
      mention("Ev0BOT1", { bot_id: "B0123" }),
      mention("Ev0BOT2", { user: BOT_USER }),
      { ...mention("Ev0BOT3"), event: { ...mention("Ev0BOT3").event, type: "message", subtype: "bot_message" } },
      { ...mention("Ev0EDIT"), event: { ...mention("Ev0EDIT").event, type: "message", subtype: "message_changed" } },
    ];
    for (const body of bodies) {
      const res = await app.inject({
        method: "POST",
        url: "/slack/events",
        ...signedSlackRequest(signingSecret, body),
      });
      assert.equal(res.statusCode, 200, body.event_id);
      assert.deepEqual(res.json(), { ok: true });
    }
    await settle();
    assert.deepEqual(published, []);
  });

  it("answers 400 with X-Slack-No-Retry to invalid events, unparseable JSON and bodies the spec refuses", async (t) => {
    const { app, bus, signingSecret } = await build(t);
    const published = await spyChatMessages(bus);
    const { event_id: _dropped, ...withoutId } = mention("Ev0");
    const cases: Record<string, unknown> = {
      "event_callback without event_id": withoutId,
      "mention without user": mention("Ev0NOUSER", { user: undefined }),
      "not JSON (signed)": "{oops",
      "no type": { team_id: TEAM },
      // The schema (SlackEnvelope) refuses these before the handler sees them.
      "body is null": "null",
      "body is an array": "[1, 2]",
      "body is a string": JSON.stringify("type=url_verification"),
      "type not a string": { type: 7 },
      "numeric challenge": { type: "url_verification", challenge: 42 },
      "event_time as a string": { ...mention("Ev0TIME"), event_time: String(NOW) },
      "event_time fractional": { ...mention("Ev0FRACTION"), event_time: NOW + 0.5 },
      "event is not an object": { ...mention("Ev0EVENT"), event: "app_mention" },
    };
    for (const [name, body] of Object.entries(cases)) {
      const res = await app.inject({
        method: "POST",
        url: "/slack/events",
        ...signedSlackRequest(signingSecret, body),
      });
      assert.equal(res.statusCode, 400, name);
      assert.equal(res.headers["x-slack-no-retry"], "1", name);
      assert.equal(res.headers["content-type"], "application/problem+json", name);
    }
    const invalid = await app.inject({
      method: "POST",
      url: "/slack/events",
      ...signedSlackRequest(signingSecret, withoutId),
    });
    assert.equal(invalid.json().code, "SLACKBOT_ERR_INVALID_EVENT");
    await settle();
    assert.deepEqual(published, []);
  });

  it("answers a signed empty body with 400 on /body (with X-Slack-No-Retry), never 500", async (t) => {
    const { app, bus, signingSecret } = await build(t);
    const published = await spyChatMessages(bus);
    const signed = signedSlackRequest(signingSecret, "");
    const { "content-type": _type, ...untyped } = signed.headers;
    for (const headers of [signed.headers, untyped]) {
      const res = await app.inject({ method: "POST", url: "/slack/events", headers, payload: "" });
      assert.equal(res.statusCode, 400, JSON.stringify(headers));
      assert.equal(res.headers["content-type"], "application/problem+json");
      assert.equal(res.headers["x-slack-no-retry"], "1");
      assert.deepEqual(res.json().errors, [{ field: "/body", message: "is required" }]);
    }
    const unsigned = await app.inject({ method: "POST", url: "/slack/events", payload: "" });
    assert.equal(unsigned.statusCode, 401, "the signature is still checked first");
    await settle();
    assert.deepEqual(published, []);
  });

  it("refuses an event text beyond Slack's 40,000 characters with 400, and takes one of exactly 40,000", async (t) => {
    const { app, bus, signingSecret } = await build(t);
    const published = await spyChatMessages(bus);
    const longest = `<@${BOT_USER}> ${"x".repeat(40_000 - BOT_USER.length - 4)}`;
    const tooLong = await app.inject({
      method: "POST",
      url: "/slack/events",
      ...signedSlackRequest(signingSecret, mention("Ev0LONG", { text: `${longest}x` })),
    });
    assert.equal(tooLong.statusCode, 400);
    assert.equal(tooLong.json().errors[0].field, "/body/event/text");
    const fits = await app.inject({
      method: "POST",
      url: "/slack/events",
      ...signedSlackRequest(signingSecret, mention("Ev0FITS", { text: longest })),
    });
    assert.equal(fits.statusCode, 200);
    await settle();
    assert.equal(published.length, 1);
  });

  it("answers 503 when the bus refuses the message, and publishes Slack's retry of it", async (t) => {
    const bus = new MemoryBus({ logger: silentLogger });
    t.after(() => bus.close());
    const published = await spyChatMessages(bus);
    let refusals = 1;
    const flaky = withPublish(bus, async (...args) => {
      if (refusals-- > 0) throw new Error("channel closed");
      return bus.publish(...args);
    });
    const { app, signingSecret } = await build(t, { bus: flaky });
    const first = await app.inject({
      method: "POST",
      url: "/slack/events",
      ...signedSlackRequest(signingSecret, mention("Ev0FLAKY")),
    });
    assert.equal(first.statusCode, 503);
    assert.equal(first.headers["x-slack-no-retry"], undefined, "Slack must retry");
    const retry = await app.inject({
      method: "POST",
      url: "/slack/events",
      ...signedSlackRequest(signingSecret, mention("Ev0FLAKY")),
    });
    assert.equal(retry.statusCode, 200);
    await eventually(() => published.length > 0, 15_000, "the published ChatMessage");
    await settle(); // a second copy would come right behind the first
    assert.deepEqual(
      published.map((message) => message.message_id),
      ["Ev0FLAKY"],
    );
  });

  it("answers 503 when the bus does not confirm in time, well inside Slack's 3 seconds", async (t) => {
    const bus = new MemoryBus({ logger: silentLogger });
    t.after(() => bus.close());
    const stuck = withPublish(bus, () => new Promise(() => {}));
    const { app, signingSecret } = await build(t, { bus: stuck, publishTimeoutMs: 50 });
    const res = await app.inject({
      method: "POST",
      url: "/slack/events",
      ...signedSlackRequest(signingSecret, mention("Ev0STUCK")),
    });
    assert.equal(res.statusCode, 503);
  });

  it("forgets the workspace in the dataservice when Jeeves is uninstalled, and still answers 200 when it is unknown", async (t) => {
    const { app, signingSecret } = await build(t);
    await installWorkspace("T0UNINSTALL", "xoxb-gone");
    const uninstalled = {
      ...mention("Ev0UNINSTALL"),
      team_id: "T0UNINSTALL",
      event: { type: "app_uninstalled" },
    };
    const res = await app.inject({
      method: "POST",
      url: "/slack/events",
      ...signedSlackRequest(signingSecret, uninstalled),
    });
    assert.equal(res.statusCode, 200);
    assert.equal(await workspaceExists("T0UNINSTALL"), false);
    const again = await app.inject({
      method: "POST",
      url: "/slack/events",
      ...signedSlackRequest(signingSecret, { ...uninstalled, event_id: "Ev0UNINSTALL2" }),
    });
    assert.equal(again.statusCode, 200, "an unknown workspace is logged, not an error for Slack");
    assert.equal(await workspaceExists(TEAM), true, "other workspaces stay");
  });
});
