import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createTokenProvider } from "@jeeves/client-kit";
import { createDataserviceWorkspaces, UnknownWorkspaceError } from "../../src/adapters/workspace-tokens.ts";
import { BOT_TOKEN, installWorkspace, sharedServices, TEAM, workspaceExists } from "../helper.ts";

/** The shared dataservice through a fetch that counts the workspace reads. */
async function workspaces(clock: { now: () => number }, options: { maxEntries?: number } = {}) {
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
    ...options,
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
    clock.advance(5 * 60_000);
    await port.botToken(TEAM);
    assert.equal(calls.length, 1);
    clock.advance(1);
    await port.botToken(TEAM);
    assert.equal(calls.length, 2, "fetched again past 5 minutes");
  });

  it("keeps the tokens of at most maxEntries workspaces, the least recently used going first", async () => {
    await installWorkspace("T0SECOND", "xoxb-second");
    const { port, calls } = await workspaces(fakeClock(), { maxEntries: 1 });
    await port.botToken(TEAM);
    await port.botToken(TEAM);
    assert.equal(calls.length, 1);
    assert.equal(await port.botToken("T0SECOND"), "xoxb-second");
    await port.botToken(TEAM);
    assert.equal(calls.length, 3, "the second workspace took the one place");
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

describe("createDataserviceWorkspaces install", () => {
  const workspace = (botToken: string) => ({
    teamName: "Drones Club",
    botUserId: "U0BOT0001",
    botToken,
    scopes: ["app_mentions:read", "chat:write"],
  });

  it("answers created, then updated on a reinstall, and drops the cached token", async () => {
    const clock = fakeClock();
    const { port, calls } = await workspaces(clock);
    assert.equal(await port.install("T0INSTALL1", workspace("xoxb-first")), "created");
    assert.equal(await port.botToken("T0INSTALL1"), "xoxb-first");
    assert.equal(await port.install("T0INSTALL1", workspace("xoxb-second")), "updated");
    assert.equal(await port.botToken("T0INSTALL1"), "xoxb-second", "not the cached first token");
    assert.deepEqual(calls, [
      "PUT /workspaces/T0INSTALL1",
      "GET /workspaces/T0INSTALL1",
      "PUT /workspaces/T0INSTALL1",
      "GET /workspaces/T0INSTALL1",
    ]);
  });

  it("does not cache a token read that overlapped a reinstall", async () => {
    const { dealer, dataserviceUrl, slackbotClient } = await sharedServices();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let readAnswered: () => void = () => {};
    const answered = new Promise<void>((resolve) => {
      readAnswered = resolve;
    });
    const port = createDataserviceWorkspaces({
      baseUrl: dataserviceUrl,
      auth: createTokenProvider({
        tokendealerUrl: dealer.url,
        clientId: slackbotClient.id,
        clientSecret: slackbotClient.secret,
        audience: "dataservice",
      }),
      // The first read gets the old token, and is held until the reinstall is written.
      fetch: async (request) => {
        const response = await fetch(request);
        if (request.method === "GET") {
          readAnswered();
          await gate;
        }
        return response;
      },
    });
    await installWorkspace("T0INSTALL2", "xoxb-before");
    const reading = port.botToken("T0INSTALL2");
    // The reinstall starts once the read has its answer (the event, bounded), whatever the scheduling.
    await Promise.race([
      answered,
      new Promise((_, reject) => setTimeout(() => reject(new Error("the read got no answer in 30 s")), 30_000).unref()),
    ]);
    await port.install("T0INSTALL2", workspace("xoxb-after"));
    release();
    assert.equal(await reading, "xoxb-before");
    assert.equal(await port.botToken("T0INSTALL2"), "xoxb-after");
  });

  it("rejects what the dataservice refuses, without the token in the message", async () => {
    const { port } = await workspaces(fakeClock());
    await assert.rejects(port.install("not-a-team", workspace("xoxb-refused")), (error: Error) => {
      assert.match(error.message, /answered 400/);
      assert.ok(!error.message.includes("xoxb-refused"));
      return true;
    });
  });
});
