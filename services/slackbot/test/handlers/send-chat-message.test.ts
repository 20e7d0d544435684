import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Bus, type ChatMessage, publishReply, subscribeChatMessages } from "@jeeves/bus";
import { decodeBody, encodeBody } from "@jeeves/codecs";
import { spec } from "@jeeves/generated/specs/slackbot";
import { build, eventually, PERSON, settle, sharedServices } from "../helper.ts";

const TYPES = ["application/json", "application/msgpack", "application/x-protobuf"];
const schemas = (spec as { components: { schemas: Record<string, never> } }).components.schemas;

/** A stand-in for the actions service: answers every local message with an echo. */
async function echoActions(bus: Bus): Promise<ChatMessage[]> {
  const seen: ChatMessage[] = [];
  await subscribeChatMessages(
    bus,
    "actions",
    async (message) => {
      seen.push(message);
      await publishReply(bus, {
        reply_to: message.message_id,
        destination: "local",
        team: message.team,
        channel: message.channel,
        text: `you said: ${message.text}`,
        time: "2026-11-28T08:00:01.000Z",
      });
    },
    { source: "local" },
  );
  return seen;
}

describe("POST /chat", () => {
  it("publishes the message on chat.message.local and answers Jeeves's reply, in every encoding", async (t) => {
    const { app, bus } = await build(t);
    const seen = await echoActions(bus);
    const { chatToken } = await sharedServices();
    for (const type of TYPES) {
      const res = await app.inject({
        method: "POST",
        url: "/chat",
        headers: { authorization: `Bearer ${chatToken}`, "content-type": type, accept: type },
        payload: encodeBody(type, { text: `weather (${type})` }, schemas.LocalChatRequest, "request"),
      });
      assert.equal(res.statusCode, 200, type);
      const body = decodeBody(type, res.rawPayload, schemas.LocalChatReply, true) as Record<string, string>;
      assert.equal(body.text, `you said: weather (${type})`);
      assert.equal(body.time, "2026-11-28T08:00:01.000Z");
      assert.equal(body.reply_to, seen.at(-1)?.message_id);
    }
    assert.equal(seen.length, 3);
    assert.match(seen[0].message_id, /^[0-9a-f-]{36}$/);
    assert.equal(new Set(seen.map((message) => message.message_id)).size, 3, "a new message id each time");
    assert.equal(seen[0].reply_replica, app.localChat.replicaId, "the answer is asked back to this replica");
    assert.match(app.localChat.replicaId, /^[\w-]+-[0-9a-f]{8}$/);
    assert.deepEqual(
      { ...seen[0], message_id: "", time: "", reply_replica: undefined },
      {
        reply_replica: undefined,
        message_id: "",
        source: "local",
        team: "local",
        channel: "local-chat-tests",
        user: "chat-tests",
        text: "weather (application/json)",
        time: "",
      },
      "the user is the token's client, the channel derived from it",
    );
  });

  it("takes the user and the conversation from the body when given", async (t) => {
    const { app, bus } = await build(t);
    const seen = await echoActions(bus);
    const { chatToken } = await sharedServices();
    const res = await app.inject({
      method: "POST",
      url: "/chat",
      headers: { authorization: `Bearer ${chatToken}` },
      payload: { text: "hello", user: "bertie", conversation: "drones-club" },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(seen[0].user, "bertie");
    assert.equal(seen[0].channel, "drones-club");
  });

  it("speaks as the person of a person's token: person and user are theirs, the conversation local-<person>", async (t) => {
    const { app, bus } = await build(t);
    const seen = await echoActions(bus);
    const { personChatToken } = await sharedServices();
    const send = (payload: Record<string, string>) =>
      app.inject({ method: "POST", url: "/chat", headers: { authorization: `Bearer ${personChatToken}` }, payload });
    const plain = await send({ text: "weather" });
    assert.equal(plain.statusCode, 200, plain.body);
    assert.equal(plain.json().text, "you said: weather");
    assert.deepEqual(
      { person: seen[0].person, user: seen[0].user, channel: seen[0].channel, source: seen[0].source },
      { person: PERSON, user: PERSON, channel: `local-${PERSON}`, source: "local" },
    );
    const own = await send({ text: "help", user: PERSON.toUpperCase(), conversation: `dashboard-${PERSON}` });
    assert.equal(own.statusCode, 200, "naming themselves (in any case) is fine");
    assert.deepEqual([seen[1].person, seen[1].user, seen[1].channel], [PERSON, PERSON, `dashboard-${PERSON}`]);
  });

  it("refuses a person's token that names another user with 403 SLACKBOT_ERR_USER_NOT_YOURS, publishing nothing", async (t) => {
    const { app, bus } = await build(t);
    const seen = await echoActions(bus);
    const { personChatToken } = await sharedServices();
    for (const user of ["bertie", "0190b8a2-7c1e-7d4a-9f3e-5b2a1c0d9e90"]) {
      const res = await app.inject({
        method: "POST",
        url: "/chat",
        headers: { authorization: `Bearer ${personChatToken}` },
        payload: { text: "config set units imperial", user },
      });
      assert.equal(res.statusCode, 403, user);
      assert.equal(res.headers["content-type"], "application/problem+json");
      assert.equal(res.json().code, "SLACKBOT_ERR_USER_NOT_YOURS");
    }
    await settle();
    assert.deepEqual(seen, []);
  });

  it("never sets person for a service's token, whatever the body says", async (t) => {
    const { app, bus } = await build(t);
    const seen = await echoActions(bus);
    const { chatToken } = await sharedServices();
    const res = await app.inject({
      method: "POST",
      url: "/chat",
      headers: { authorization: `Bearer ${chatToken}` },
      payload: { text: "hello", user: PERSON },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(seen[0].user, PERSON);
    assert.equal(seen[0].person, undefined);
  });

  it("answers the reply's plain text as it is: nothing is escaped for the local chat", async (t) => {
    const { app, bus } = await build(t);
    await echoActions(bus);
    const { chatToken } = await sharedServices();
    const res = await app.inject({
      method: "POST",
      url: "/chat",
      headers: { authorization: `Bearer ${chatToken}` },
      payload: { text: "a < b & c > d" },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().text, "you said: a < b & c > d");
  });

  it("answers 504 when no reply comes in time, and drops the late reply", async (t) => {
    const { app, bus } = await build(t, { chatReplyTimeoutMs: 100 });
    const { chatToken } = await sharedServices();
    const late: ChatMessage[] = [];
    await subscribeChatMessages(bus, "slow-actions", async (message) => {
      late.push(message);
    });
    const res = await app.inject({
      method: "POST",
      url: "/chat",
      headers: { authorization: `Bearer ${chatToken}` },
      payload: { text: "anyone there?" },
    });
    assert.equal(res.statusCode, 504);
    assert.equal(res.json().code, "SLACKBOT_ERR_NO_REPLY");
    assert.equal(app.localChat.waiting, 0, "the request no longer waits");
    await eventually(() => late.length === 1, 15_000, "the message at the slow actions");
    await publishReply(bus, {
      reply_to: late[0].message_id,
      destination: "local",
      team: "local",
      channel: late[0].channel,
      text: "too late",
      time: new Date().toISOString(),
    });
    await settle();
    assert.equal(bus.deadLetters.length, 0, "acknowledged and dropped");
  });

  it("answers 401 without a token and 403 without the scope chat:write, publishing nothing", async (t) => {
    const { app, bus } = await build(t);
    const seen = await echoActions(bus);
    const { noChatToken } = await sharedServices();
    const anonymous = await app.inject({ method: "POST", url: "/chat", payload: { text: "hi" } });
    assert.equal(anonymous.statusCode, 401);
    assert.match(String(anonymous.headers["www-authenticate"]), /^Bearer/);
    const unscoped = await app.inject({
      method: "POST",
      url: "/chat",
      headers: { authorization: `Bearer ${noChatToken}` },
      payload: { text: "hi" },
    });
    assert.equal(unscoped.statusCode, 403);
    assert.equal(seen.length, 0);
  });

  it("refuses a request without a body (or empty JSON or MessagePack) with 400 on /body", async (t) => {
    const { app } = await build(t);
    const { chatToken } = await sharedServices();
    const types = [undefined, "application/json", "application/msgpack"];
    for (const type of types) {
      const res = await app.inject({
        method: "POST",
        url: "/chat",
        headers: { authorization: `Bearer ${chatToken}`, ...(type ? { "content-type": type } : {}) },
        ...(type ? { payload: "" } : {}),
      });
      assert.equal(res.statusCode, 400, type);
      assert.equal(res.headers["content-type"], "application/problem+json");
      assert.deepEqual(res.json().errors, [{ field: "/body", message: "is required" }], type);
    }
  });

  it("answers zero bytes of protobuf as the message of defaults: its empty text is refused like in JSON", async (t) => {
    const { app, bus } = await build(t);
    const seen = await echoActions(bus);
    const { chatToken } = await sharedServices();
    const send = (type: string, payload: string) =>
      app.inject({
        method: "POST",
        url: "/chat",
        headers: { authorization: `Bearer ${chatToken}`, "content-type": type },
        payload,
      });
    const empty = await send("application/x-protobuf", "");
    const json = await send("application/json", JSON.stringify({ text: "" }));
    assert.equal(empty.statusCode, 400);
    assert.equal(empty.headers["content-type"], "application/problem+json");
    assert.deepEqual(empty.json().errors, json.json().errors, "the same answer as the JSON of the defaults");
    assert.equal(empty.json().errors[0].field, "/body/text");
    assert.deepEqual(seen, [], "nothing was published");
  });

  it("refuses a lone surrogate in text, user or conversation with 400 naming the field, before the bus", async (t) => {
    const { app, bus } = await build(t);
    const seen = await echoActions(bus);
    const { chatToken } = await sharedServices();
    const cases: Array<[string, string]> = [
      ['{"text":"hi","user":"\\ud800"}', "/body/user"],
      ['{"text":"hi \\udc00"}', "/body/text"],
      ['{"text":"hi","conversation":"c\\ud83d"}', "/body/conversation"],
    ];
    for (const [payload, field] of cases) {
      const res = await app.inject({
        method: "POST",
        url: "/chat",
        headers: { authorization: `Bearer ${chatToken}`, "content-type": "application/json" },
        payload,
      });
      assert.equal(res.statusCode, 400, payload);
      assert.equal(res.headers["content-type"], "application/problem+json", payload);
      assert.deepEqual(res.json().errors, [{ field, message: "is not well-formed Unicode (a lone surrogate)" }]);
    }
    assert.deepEqual(seen, [], "nothing was published (the handler waits for the reply to what it publishes)");
  });

  it("refuses an empty text with 400", async (t) => {
    const { app } = await build(t);
    const { chatToken } = await sharedServices();
    const res = await app.inject({
      method: "POST",
      url: "/chat",
      headers: { authorization: `Bearer ${chatToken}` },
      payload: { text: "" },
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.headers["x-slack-no-retry"], undefined, "that header is for Slack's requests only");
  });
});
