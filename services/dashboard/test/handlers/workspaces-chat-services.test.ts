import assert from "node:assert/strict";
import { test } from "node:test";
import { TokenRequestError } from "@jeeves/client-kit";
import { SERVICE_MANIFESTS } from "@jeeves/manifest";
import { neverAnswer, problemResponse } from "../../testing/index.ts";
import { BERTIE, slackbotScript } from "../fake-upstreams.ts";
import { build, call } from "../helper.ts";

test("workspaces: every page, without tokens or Slack details, with where 'Add to Slack' starts", async (t) => {
  const { app, dataservice, logIn } = await build(t, {
    links: { services: [], installUrl: "https://jeeves.example.com/slack/install" },
  });
  const { cookie } = await logIn();
  const workspace = (n: number) => ({
    team_id: `T000${n}`,
    team_name: `Club ${n}`,
    bot_user_id: "U0BOT0001",
    scopes: ["chat:write"],
    bot_token: "xoxb-never-shown",
    installed_at: BERTIE.created_at,
    updated_at: BERTIE.updated_at,
  });
  dataservice.script = (request) =>
    request.path.includes("cursor=page2")
      ? Response.json({ items: [workspace(2)] })
      : Response.json({ items: [workspace(1)], next_cursor: "page2" });
  const res = await call(app, "GET", "/api/workspaces", { headers: { cookie } });
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, {
    items: [
      { team_id: "T0001", team_name: "Club 1", installed_at: BERTIE.created_at },
      { team_id: "T0002", team_name: "Club 2", installed_at: BERTIE.created_at },
    ],
    install_url: "https://jeeves.example.com/slack/install",
  });
  assert.deepEqual(
    dataservice.seen.map((seen) => seen.path),
    ["/workspaces?limit=200", "/workspaces?limit=200&cursor=page2"],
  );
  assert.equal(dataservice.seen[0].headers.authorization, `Bearer person-${BERTIE.id}`);
});

test("chat: the slackbot's /chat with the person's own token (audience slackbot), no user, in their conversation", async (t) => {
  const { app, slackbot, logIn } = await build(t);
  const { headers } = await logIn();
  const res = await call(app, "POST", "/api/chat", { body: { text: "weather in Paris" }, headers });
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, { text: "You said: weather in Paris", time: "2026-11-28T08:00:01.000Z" });
  const sent = slackbot.seen[0];
  assert.equal(sent.headers.authorization, `Bearer chat-${BERTIE.id}`, "the person's token, not the dashboard's");
  assert.deepEqual(JSON.parse(sent.body), { text: "weather in Paris", conversation: `dashboard-${BERTIE.id}` });
});

test("chat: a 401 renews the person's token once; a TokenDealer that issues none for the person any more is 401", async (t) => {
  const { app, slackbot, chatTokens, logIn } = await build(t);
  const { headers } = await logIn();
  const first = slackbotScript;
  slackbot.script = (request) =>
    request.headers.authorization === `Bearer chat-${BERTIE.id}`
      ? problemResponse(401, { code: "SERVICE_ERR_INVALID_TOKEN" })
      : first(request);
  const res = await call(app, "POST", "/api/chat", { body: { text: "help" }, headers });
  assert.equal(res.status, 200);
  assert.deepEqual(
    slackbot.seen.map((seen) => seen.headers.authorization),
    [`Bearer chat-${BERTIE.id}`, `Bearer chat-${BERTIE.id}-2`],
  );
  assert.equal(chatTokens.issued.get(BERTIE.id), 2);
  chatTokens.token = async () => {
    throw new TokenRequestError(400, "invalid_grant", "no such person");
  };
  const gone = await call(app, "POST", "/api/chat", { body: { text: "help" }, headers });
  assert.equal(gone.status, 401);
  assert.equal(gone.body.code, "DASHBOARD_ERR_NOT_LOGGED_IN");
  chatTokens.token = async () => {
    throw new TokenRequestError(503, "temporarily_unavailable");
  };
  const later = await call(app, "POST", "/api/chat", { body: { text: "help" }, headers });
  assert.equal(later.status, 503);
  assert.equal(slackbot.seen.length, 2, "nothing sent without a token");
});

test("chat: the slackbot's 504 and a reply later than CHAT_TIMEOUT_MS are 504 DASHBOARD_ERR_NO_REPLY; its 400 reaches the page", async (t) => {
  const { app, slackbot, logIn } = await build(t, { chatTimeoutMs: 50 });
  const { headers } = await logIn();
  slackbot.script = () => problemResponse(504, { code: "SLACKBOT_ERR_NO_REPLY" });
  let res = await call(app, "POST", "/api/chat", { body: { text: "help" }, headers });
  assert.equal(res.status, 504);
  assert.equal(res.body.code, "DASHBOARD_ERR_NO_REPLY");
  slackbot.script = (_request, signal) => neverAnswer(signal);
  res = await call(app, "POST", "/api/chat", { body: { text: "help" }, headers });
  assert.equal(res.status, 504);
  assert.equal(res.body.code, "DASHBOARD_ERR_NO_REPLY");
  slackbot.script = () =>
    problemResponse(400, { code: "SERVICE_ERR_VALIDATION", errors: [{ field: "/body/text", message: "too long" }] });
  res = await call(app, "POST", "/api/chat", { body: { text: "help" }, headers });
  assert.equal(res.status, 400);
  assert.deepEqual(res.body.errors, [{ field: "/body/text", message: "too long" }]);
  slackbot.script = () => problemResponse(403, { code: "SERVICE_ERR_INSUFFICIENT_SCOPE" });
  res = await call(app, "POST", "/api/chat", { body: { text: "help" }, headers });
  assert.equal(res.status, 502, "the dashboard's person scopes lacking chat:write is its set-up, not the person's 403");
  slackbot.script = () => problemResponse(403, { code: "SLACKBOT_ERR_USER_NOT_YOURS" });
  res = await call(app, "POST", "/api/chat", { body: { text: "help" }, headers });
  assert.equal(res.status, 502, "the slackbot taking the dashboard for someone else is not the person's doing");
  slackbot.script = () => problemResponse(503, { code: "SLACKBOT_ERR_BUS_DOWN" }, { "retry-after": "3" });
  res = await call(app, "POST", "/api/chat", { body: { text: "help" }, headers });
  assert.equal(res.status, 503);
  assert.equal(res.headers["retry-after"], "3");
  const empty = await call(app, "POST", "/api/chat", { body: { text: "" }, headers });
  assert.equal(empty.status, 400);
});

test("services: each of the manifest with its docs URL", async (t) => {
  const { app, logIn } = await build(t);
  const { cookie } = await logIn();
  const res = await call(app, "GET", "/api/services", { headers: { cookie } });
  assert.equal(res.status, 200);
  assert.deepEqual(
    res.body.items.map((item: { name: string }) => item.name),
    SERVICE_MANIFESTS.map((service) => service.name),
  );
  const dashboard = res.body.items.find((item: { name: string }) => item.name === "dashboard");
  assert.equal(dashboard.docs_url, "/docs", "its own docs on the page's origin");
  assert.equal((await call(app, "GET", "/api/services")).status, 401);
});
