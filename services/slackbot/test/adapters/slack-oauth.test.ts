import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { spec } from "@jeeves/generated/specs/slack-web-api";
import { SlackOauthError, slackOauthExchange } from "../../src/adapters/slack-oauth.ts";
import { INSTALL_COOKIE } from "../../src/domain/install-state.ts";
import { startFakeSlack } from "../../testing/index.ts";
import { build, type PrismMock, readWorkspace, startPrismMock } from "../helper.ts";

type Node = Record<string, never>;

/** The `installed` example of oauth.v2.access in our Slack subset spec: what Prism answers. */
const INSTALLED = (
  (spec as unknown as Node).paths["/oauth.v2.access"] as unknown as {
    post: { responses: { 200: { content: { "application/json": { examples: { installed: { value: Node } } } } } } };
  }
).post.responses[200].content["application/json"].examples.installed.value as unknown as {
  access_token: string;
  bot_user_id: string;
  team: { id: string; name: string };
};

const CLIENT = { clientId: "1234567890.1234567890123", clientSecret: "client-secret-of-the-tests" };
const REDIRECT_URI = "http://127.0.0.1:3002/slack/oauth/callback";

/** A fetch that records what went out and how Prism answered. */
function recording(extraHeaders: Record<string, string> = {}) {
  const sent: Array<{
    url: string;
    contentType: string | null;
    authorization: string | null;
    form: Record<string, string>;
    status: number;
  }> = [];
  const fetcher = async (request: Request) => {
    const headers = new Headers(request.headers);
    for (const [name, value] of Object.entries(extraHeaders)) headers.set(name, value);
    const body = await request.clone().text();
    const response = await fetch(new Request(request, { headers }));
    sent.push({
      url: request.url,
      contentType: request.headers.get("content-type"),
      authorization: request.headers.get("authorization"),
      form: Object.fromEntries(new URLSearchParams(body)),
      status: response.status,
    });
    return response;
  };
  return { sent, fetcher };
}

describe("oauth.v2.access through the generated client, against a Prism mock of the Slack subset spec", () => {
  let prism: PrismMock;
  before(async () => {
    prism = await startPrismMock("specs/openapi/external/slack-web-api.yaml");
  });
  after(() => prism?.close());

  it("sends a form-encoded request the spec takes (client id and secret as fields, no bearer) and reads the install", async () => {
    const { sent, fetcher } = recording();
    const exchange = slackOauthExchange({ slackApiUrl: prism.url, ...CLIENT, fetch: fetcher });
    const installed = await exchange("4724469134.4644010092847.232b4e6d82c3", REDIRECT_URI);
    const [request] = sent;
    assert.equal(request.status, 200, "Prism validated the request");
    assert.equal(request.url, `${prism.url}oauth.v2.access`);
    assert.equal(request.contentType, "application/x-www-form-urlencoded");
    assert.equal(request.authorization, null);
    assert.deepEqual(request.form, {
      code: "4724469134.4644010092847.232b4e6d82c3",
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
      redirect_uri: REDIRECT_URI,
    });
    assert.deepEqual(installed, {
      teamId: INSTALLED.team.id,
      teamName: INSTALLED.team.name,
      botUserId: INSTALLED.bot_user_id,
      botToken: INSTALLED.access_token,
      scopes: ["app_mentions:read", "chat:write", "im:history"],
      appId: "A0JEEVES01",
    });
  });

  for (const error of ["invalid_code", "bad_redirect_uri", "bad_client_secret"]) {
    it(`turns Slack's ok:false ${error} (Prefer: example=${error}) into SlackOauthError ${error}`, async () => {
      const { fetcher } = recording({ Prefer: `example=${error}` });
      const exchange = slackOauthExchange({ slackApiUrl: prism.url, ...CLIENT, fetch: fetcher });
      await assert.rejects(exchange("a-code", REDIRECT_URI), (e: unknown) => {
        assert.ok(e instanceof SlackOauthError);
        assert.equal(e.code, error);
        assert.ok(!e.message.includes(CLIENT.clientSecret));
        return true;
      });
    });
  }

  it("turns a 429 (Prefer: code=429) into SlackOauthError ratelimited", async () => {
    const { fetcher } = recording({ Prefer: "code=429" });
    const exchange = slackOauthExchange({ slackApiUrl: prism.url, ...CLIENT, fetch: fetcher });
    await assert.rejects(exchange("a-code", REDIRECT_URI), { name: "SlackOauthError", code: "ratelimited" });
  });

  it("negative control: an empty code breaks the spec, and Prism refuses it (422)", async () => {
    const { sent, fetcher } = recording();
    const exchange = slackOauthExchange({ slackApiUrl: prism.url, ...CLIENT, fetch: fetcher });
    await assert.rejects(exchange("", REDIRECT_URI), { name: "SlackOauthError", code: "http_422" });
    assert.equal(sent[0].status, 422);
  });

  it("the slackbot with SLACK_API_URL at the mock completes an install: the example's workspace is stored", async (t) => {
    const { app } = await build(t, { slackApiUrl: prism.url });
    const redirect = await app.inject({ method: "GET", url: "/slack/install" });
    const state = new URL(String(redirect.headers.location)).searchParams.get("state") ?? "";
    const cookie = redirect.cookies.find((c) => c.name === INSTALL_COOKIE)?.value ?? "";
    const res = await app.inject({
      method: "GET",
      url: "/slack/oauth/callback",
      query: { code: "a-code", state },
      cookies: { [INSTALL_COOKIE]: cookie },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.ok(res.body.includes(`Jeeves is installed in ${INSTALLED.team.name}`));
    const stored = await readWorkspace(INSTALLED.team.id);
    assert.equal(stored?.bot_token, INSTALLED.access_token);
    assert.equal(stored?.bot_user_id, INSTALLED.bot_user_id);
  });
});

describe("oauth.v2.access against the fake Slack", () => {
  it("answers the configured workspace and token, and refuses a code used twice", async (t) => {
    const slack = await startFakeSlack();
    t.after(() => slack.close());
    slack.oauth({ team: { id: "T0FAKE0001", name: "Fake" }, botToken: "xoxb-fake-token", botUserId: "U0FAKE0001" });
    const exchange = slackOauthExchange({ slackApiUrl: slack.url, ...CLIENT });
    const installed = await exchange("code-1", REDIRECT_URI);
    assert.equal(installed.teamId, "T0FAKE0001");
    assert.equal(installed.botToken, "xoxb-fake-token");
    assert.deepEqual(installed.scopes, ["app_mentions:read", "chat:write", "im:history", "im:write"]);
    await assert.rejects(exchange("code-1", REDIRECT_URI), { name: "SlackOauthError", code: "invalid_code" });
    assert.deepEqual(
      slack.exchanges.map((e) => [e.code, e.client_id, e.redirect_uri, e.authorization, e.error]),
      [
        ["code-1", CLIENT.clientId, REDIRECT_URI, undefined, undefined],
        ["code-1", CLIENT.clientId, REDIRECT_URI, undefined, "invalid_code"],
      ],
    );
  });

  it("refuses an answer without a workspace (an organization-wide install)", async (t) => {
    const slack = await startFakeSlack();
    t.after(() => slack.close());
    slack.oauth({ team: { id: "", name: "" }, botToken: "xoxb-org" });
    const exchange = slackOauthExchange({ slackApiUrl: slack.url, ...CLIENT });
    await assert.rejects(exchange("code-org", REDIRECT_URI), { name: "SlackOauthError", code: "no_team" });
  });
});
