import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it, type TestContext } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { MemoryBus, publishChatMessage, type Reply, silentLogger, subscribeReplies } from "@jeeves/bus";
import { createTokenProvider } from "@jeeves/client-kit";
import { buildTestDataservice } from "@jeeves/dataservice/testing";
import { startTestTokenDealer, type TestTokenDealer } from "@jeeves/tokendealer/testing";
import type { Units, WeatherReports } from "@jeeves/weather-client";
import { buildApp } from "../src/app.ts";
import { ACCOUNT_GONE_REPLY } from "../src/domain/chat-user.ts";
import { RECORDS_UNAVAILABLE_REPLY } from "../src/domain/run-command.ts";
import { chatMessage } from "../testing/index.ts";
import { waitFor } from "./helper.ts";

const MAX_ATTEMPTS = 3;

let dealer: TestTokenDealer;
let client: { id: string; secret: string };

before(async () => {
  dealer = await startTestTokenDealer({ unref: true });
  // The embedded default client `actions` exists in every TokenDealer already: the tests use their own.
  client = await dealer.addClient("actions-app-test", ["users:read", "users:write"], ["dataservice"]);
});
after(() => dealer.close());

/**
 * The actions app on a MemoryBus against a real dataservice listening on a free port, as the suite
 * runs it; `fetch` may be wrapped to fail. Replies are collected under the group `test`.
 */
async function start(
  t: TestContext,
  wrap?: (fetch: typeof globalThis.fetch) => typeof globalThis.fetch,
  weather?: WeatherReports,
) {
  const bus = new MemoryBus({ logger: silentLogger });
  const dataservice = await buildTestDataservice(dealer);
  const url = await dataservice.app.listen({ port: 0, host: "127.0.0.1" });
  const replies: { routingKey: string; reply: Reply }[] = [];
  await subscribeReplies(bus, "test", async (reply, delivery) => {
    replies.push({ routingKey: delivery.routingKey, reply });
  });
  const auth = createTokenProvider({
    tokendealerUrl: dealer.url,
    clientId: client.id,
    clientSecret: client.secret,
    audience: "dataservice",
  });
  const app = await buildApp({
    bus,
    dataservice: { baseUrl: url, auth, ...(wrap ? { fetch: wrap(fetch) } : {}) },
    logger: false,
    consumer: { maxAttempts: MAX_ATTEMPTS, retryDelayMs: 10 },
    ...(weather ? { weather } : {}),
  });
  t.after(async () => {
    await app.close();
    await dataservice.close();
    await bus.close();
  });
  await app.ready();
  return { bus, app, dataservice, replies, url, auth };
}

const team = () => `T${randomUUID().replaceAll("-", "").slice(0, 10).toUpperCase()}`;

describe("actions app (real TokenDealer and dataservice, in-process bus)", () => {
  it("answers `config set units metric`, then `config show`, in order, one reply each", async (t) => {
    const { bus, replies } = await start(t);
    const first = chatMessage("config set units metric", { team: team() });
    await publishChatMessage(bus, first);
    await waitFor(() => replies.length === 1);
    const second = chatMessage("<@U0BOT0001> config show", { team: first.team, thread: "1795833600.000100" });
    await publishChatMessage(bus, second);
    await waitFor(() => replies.length === 2);
    assert.deepEqual(
      replies.map(({ routingKey, reply }) => [routingKey, reply.reply_to, reply.text, reply.thread]),
      [
        ["chat.reply.slack", first.message_id, "units is now metric.", undefined],
        ["chat.reply.slack", second.message_id, "Your settings:\n• units: metric", "1795833600.000100"],
      ],
    );
  });

  it("retries while the dataservice does not answer and answers once, normally, when it recovers", async (t) => {
    let calls = 0;
    const { bus, replies } = await start(t, (fetch) => async (input) => {
      calls += 1;
      if (calls === 1) throw new TypeError("fetch failed");
      return fetch(input);
    });
    await publishChatMessage(bus, chatMessage("config set units imperial", { team: team() }));
    await waitFor(() => replies.length === 1);
    await sleep(50);
    assert.deepEqual(
      replies.map((r) => r.reply.text),
      ["units is now imperial."],
    );
    assert.ok(calls >= 3, "the failed call, then findOrCreate and setSetting");
    assert.deepEqual(bus.deadLetters, []);
  });

  it("answers exactly one `try again later` after the last attempt when the dataservice is down", async (t) => {
    let calls = 0;
    const { bus, replies, dataservice } = await start(t, (fetch) => (input) => {
      calls += 1;
      return fetch(input);
    });
    await dataservice.close();
    await publishChatMessage(bus, chatMessage("config show", { team: team() }));
    await waitFor(() => replies.length === 1);
    await sleep(100);
    assert.deepEqual(
      replies.map((r) => r.reply.text),
      [RECORDS_UNAVAILABLE_REPLY],
    );
    assert.equal(calls, MAX_ATTEMPTS, "one findOrCreate per attempt");
    assert.deepEqual(bus.deadLetters, []);
    assert.equal(bus.queued("actions"), 0);
  });

  it("answers a message from the local chat on chat.reply.local", async (t) => {
    const { bus, replies } = await start(t);
    const local = chatMessage("help", { source: "local", team: "local", channel: "terminal-bertie", user: "bertie" });
    await publishChatMessage(bus, local);
    await waitFor(() => replies.length === 1);
    assert.equal(replies[0].routingKey, "chat.reply.local");
    assert.equal(replies[0].reply.reply_to, local.message_id);
    assert.equal(replies[0].reply.destination, "local");
    assert.match(replies[0].reply.text, /^Here is what I can do/);
    assert.match(replies[0].reply.text, /`config set <key> <value>`/, "plain text: not escaped for Slack");
  });

  it("a person of the local chat (ChatMessage.person): their own dataservice user, read with getUser, never found or created", async (t) => {
    const asked: [string, Units][] = [];
    const weather: WeatherReports = {
      current: async (place, units) => {
        asked.push([place, units]);
        return { place, country: "GB", temperature: 50, feels_like: 48, description: "drizzle" };
      },
    };
    const paths: string[] = [];
    const { bus, replies, url, auth } = await start(
      t,
      (fetch) => (input) => {
        const request = input instanceof Request ? input : new Request(input);
        paths.push(`${request.method} ${new URL(request.url).pathname}`);
        return fetch(request);
      },
      weather,
    );
    const dataservice = async (method: string, path: string, sent?: unknown) => {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${await auth.token()}`, "content-type": "application/json" },
        body: sent === undefined ? undefined : JSON.stringify(sent),
      });
      // biome-ignore lint/suspicious/noExplicitAny: tests read any field of the JSON body
      const body: any = response.status === 204 ? undefined : await response.json();
      return { status: response.status, body };
    };
    const created = await dataservice("POST", "/users", { display_name: "Bertie Wooster" });
    assert.equal(created.status, 201);
    const person = created.body.id as string;
    const before = (await dataservice("GET", "/users?limit=200")).body.items.length;
    const say = async (text: string) => {
      const message = chatMessage(text, {
        source: "local",
        team: "local",
        channel: `dashboard-${person}`,
        user: person,
        person,
      });
      const count = replies.length;
      await publishChatMessage(bus, message);
      await waitFor(() => replies.length === count + 1);
      return replies.at(-1)?.reply.text;
    };
    assert.equal(await say("config set units imperial"), "units is now imperial.");
    assert.equal(await say("location set London"), "Your location is now London.");
    assert.equal(await say("get location"), "Your location is London.");
    assert.match((await say("weather")) ?? "", /^London, GB: 50°F/);
    assert.deepEqual(asked, [["London", "imperial"]], "the person's own place and units");
    const settings = await dataservice("GET", `/users/${person}/settings`);
    assert.deepEqual(
      settings.body.items.map((s: { key: string; value: string }) => [s.key, s.value]),
      [["units", "imperial"]],
    );
    assert.equal((await dataservice("GET", "/users?limit=200")).body.items.length, before, "no user created");
    assert.ok(paths.includes(`GET /users/${person}`), "getUser");
    assert.ok(!paths.includes("POST /users/find-or-create"), "never found or created by chat identity");

    // Their account is deleted: told so at once (a 404 is permanent: one getUser, no retry).
    assert.equal((await dataservice("DELETE", `/users/${person}`)).status, 204);
    paths.length = 0;
    assert.equal(await say("config show"), ACCOUNT_GONE_REPLY);
    assert.deepEqual(paths, [`GET /users/${person}`]);
    assert.match((await say("help")) ?? "", /^Here is what I can do/, "help needs no records");
    assert.deepEqual(bus.deadLetters, []);
  });

  it("/health and /ready answer; it stops consuming on close and leaves the bus open", async (t) => {
    const { bus, app } = await start(t);
    assert.equal((await app.inject("/health")).json().status, "ok");
    const ready = await app.inject("/ready");
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), { status: "ok", service: "actions", checks: [{ name: "bus", status: "ok" }] });
    await app.close();
    assert.equal(app.chatConsumer.subscribed, false);
    await publishChatMessage(bus, chatMessage("help"));
    await sleep(20);
    assert.equal(bus.queued("actions"), 1, "kept for the next consumer, not handled");
  });
});
