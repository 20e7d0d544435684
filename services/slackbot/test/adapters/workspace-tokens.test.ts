import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createTokenProvider } from "@jeeves/client-kit";
import { createDataserviceWorkspaces, UnknownWorkspaceError } from "../../src/adapters/workspace-tokens.ts";
import { BOT_TOKEN, installWorkspace, sharedServices, TEAM, workspaceExists } from "../helper.ts";

/** The shared dataservice through a fetch that counts the workspace reads. */
async function workspaces(clock: { now: () => number }) {
  const { dealer, dataserviceUrl, slackbotClient } = await sharedServices();
  const calls: string[] = [];
  const port = createDataserviceWorkspaces({
    baseUrl: dataserviceUrl,
    auth: createTokenProvider({
      tokendealerUrl: dealer.url,
      clientId: slackbotClient.id,
      clientSecret: slackbotClient.secret,
      audience: "dataservice",
    }),
    fetch: (request) => {
      calls.push(`${request.method} ${new URL(request.url).pathname}`);
      return fetch(request);
    },
    now: clock.now,
  });
  return { port, calls };
}

function fakeClock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("createDataserviceWorkspaces", () => {
  it("reads a bot token with include_secrets and reuses it for 5 minutes", async () => {
    const clock = fakeClock();
    const { port, calls } = await workspaces(clock);
    const [a, b] = await Promise.all([port.botToken(TEAM), port.botToken(TEAM)]);
    assert.equal(a, BOT_TOKEN);
    assert.equal(b, BOT_TOKEN);
    assert.equal(calls.length, 1, "concurrent callers share one request");
    clock.advance(5 * 60_000 - 1);
    await port.botToken(TEAM);
    assert.equal(calls.length, 1);
    clock.advance(1);
    await port.botToken(TEAM);
    assert.equal(calls.length, 2, "fetched again after 5 minutes");
  });

  it("asks again after forget (Slack refused the token)", async () => {
    const { port, calls } = await workspaces(fakeClock());
    await port.botToken(TEAM);
    port.forget(TEAM);
    await port.botToken(TEAM);
    assert.equal(calls.length, 2);
  });

  it("rejects with UnknownWorkspaceError for a workspace that is not installed, or not a workspace id", async () => {
    const { port } = await workspaces(fakeClock());
    await assert.rejects(port.botToken("T0NOBODY"), UnknownWorkspaceError);
    await assert.rejects(port.botToken("not-a-team"), UnknownWorkspaceError);
  });

  it("deletes a workspace, answering false when it was not there", async () => {
    await installWorkspace("T0REMOVE", "xoxb-remove");
    const { port } = await workspaces(fakeClock());
    assert.equal(await port.remove("T0REMOVE"), true);
    assert.equal(await workspaceExists("T0REMOVE"), false);
    assert.equal(await port.remove("T0REMOVE"), false);
  });
});
