import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { spec } from "@jeeves/generated/specs/slackbot";
import { authorizeUrl, BOT_SCOPES, installedPage, parseScopes } from "../../src/domain/slack-install.ts";

describe("authorizeUrl", () => {
  it("puts client_id, the comma-separated scopes, redirect_uri and state on Slack's authorize URL, encoded", () => {
    const url = new URL(
      authorizeUrl("https://slack.com/oauth/v2/authorize", {
        clientId: "1234567890.1234567890123",
        scopes: BOT_SCOPES,
        redirectUri: "https://jeeves.example.org/slack/oauth/callback?x=1&y=2",
        state: "abc.def",
      }),
    );
    assert.equal(url.origin + url.pathname, "https://slack.com/oauth/v2/authorize");
    assert.deepEqual(Object.fromEntries(url.searchParams), {
      client_id: "1234567890.1234567890123",
      scope: "app_mentions:read,chat:write,im:history,im:write",
      redirect_uri: "https://jeeves.example.org/slack/oauth/callback?x=1&y=2",
      state: "abc.def",
    });
  });

  it("keeps a test base's own query and replaces parameters it already has", () => {
    const url = new URL(
      authorizeUrl("http://127.0.0.1:9/authorize?team=T0123ABCD&state=old", {
        clientId: "c",
        scopes: ["chat:write"],
        redirectUri: "http://127.0.0.1:3002/slack/oauth/callback",
        state: "new",
      }),
    );
    assert.equal(url.searchParams.get("team"), "T0123ABCD");
    assert.deepEqual(url.searchParams.getAll("state"), ["new"]);
  });
});

describe("parseScopes", () => {
  const cases: [string | undefined, string[]][] = [
    ["app_mentions:read,chat:write,im:history", ["app_mentions:read", "chat:write", "im:history"]],
    [" chat:write , chat:write,,im:write ", ["chat:write", "im:write"]],
    ["", []],
    [undefined, []],
  ];
  for (const [given, want] of cases) {
    it(`${JSON.stringify(given)} → ${JSON.stringify(want)}`, () => assert.deepEqual(parseScopes(given), want));
  }
});

describe("installedPage", () => {
  it("is the page the spec documents for finishSlackInstall (its example, for Drones Club)", () => {
    const paths = spec.paths as unknown as Record<string, { get: { responses: Record<string, unknown> } }>;
    const ok = paths["/slack/oauth/callback"].get.responses["200"] as {
      content: { "text/html": { example: string } };
    };
    assert.equal(installedPage("Drones Club"), ok.content["text/html"].example);
  });

  it("says where Jeeves is installed, with the team name escaped", () => {
    const page = installedPage(`Drones <Club> & "Friends' Tea"`);
    assert.match(page, /^<!doctype html>/);
    assert.ok(page.includes("<h1>Jeeves is installed in Drones &lt;Club&gt; &amp; &quot;Friends&#39; Tea&quot;</h1>"));
    assert.ok(!page.includes("<Club>"));
  });
});
