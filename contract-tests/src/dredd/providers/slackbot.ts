import { randomUUID } from "node:crypto";
import { type Bus, type ChatMessage, MemoryBus, publishReply, silentLogger, subscribeChatMessages } from "@jeeves/bus";
import { SpecIndex } from "@jeeves/codecs";
import { buildTestDataservice } from "@jeeves/dataservice/testing";
import { spec } from "@jeeves/generated/specs/slackbot";
import { INSTALL_COOKIE, issueInstallState, signSlackRequest } from "@jeeves/slackbot";
import { buildTestSlackbot } from "@jeeves/slackbot/testing";
import { startTestTokenDealer } from "@jeeves/tokendealer/testing";
import { encodeRequestBody } from "../hooks/write-request.ts";
import type { PlannedTransaction } from "../plan.ts";
import { foreignToken } from "./foreign-token.ts";
import type { ProviderSession, RequestSpec, Undo } from "./types.ts";

/** The security scheme of `POST /slack/events`: Slack's signature, written by `prepare` over the exact body. */
const SLACK_SIGNATURE = "slackSignature";
/** A scope the slackbot grants nothing for: the 403 transactions of `POST /chat` get a token with only it. */
const OTHER_SCOPE = "dredd:other";
/** How long `POST /chat` waits in its 504 transaction (the fake actions service stays silent meanwhile). */
const SHORT_REPLY_TIMEOUT_MS = 300;
/**
 * The workspace the fake Slack installs into for `finishSlackInstall 200`: its page must equal the spec's
 * example exactly (a text body is compared as it is), and that names "Drones Club".
 */
const INSTALLED_TEAM_NAME = "Drones Club";

/** A fresh id: `prefix` then 12 random upper-case hex digits (`T0DREDD…` is a Slack-looking team id). */
function freshId(prefix: string): string {
  return `${prefix}${randomUUID().replaceAll("-", "").slice(0, 12).toUpperCase()}`;
}

const index = new SpecIndex(spec as unknown as Record<string, unknown>);

/** An Events API body with a message for Jeeves (the spec's `app_mention` example), under a fresh event id. */
function appMention(): Record<string, unknown> {
  const operation = index.operation("receiveSlackEvent");
  const media = (index.document.paths as Record<string, Record<string, Record<string, unknown>>>)[operation.path].post
    .requestBody as { content: Record<string, { examples: Record<string, { value: Record<string, unknown> }> }> };
  const example = structuredClone(media.content["application/json"].examples.app_mention.value);
  return { ...example, event_id: freshId("EvDREDD") };
}

/**
 * Answers every `chat.message.local` with a Reply, as the actions service would (it is not part of this
 * run): `POST /chat` then has its reply. `silent` makes it drop messages (the 504 transactions).
 */
async function startFakeActions(bus: Bus) {
  const state = { silent: false };
  const stop = await subscribeChatMessages(
    bus,
    "dredd-fake-actions",
    async (message: ChatMessage) => {
      if (state.silent) return;
      await publishReply(bus, {
        reply_to: message.message_id,
        destination: message.source,
        team: message.team,
        channel: message.channel,
        ...(message.thread ? { thread: message.thread } : {}),
        text: `You said: ${message.text}`,
        time: new Date().toISOString(),
      });
    },
    { source: "local" },
  );
  return { state, stop };
}

/**
 * The slackbot as a provider: `buildTestSlackbot` (a random signing secret, a fake Slack) on a MemoryBus,
 * trusting a real test TokenDealer for `POST /chat` tokens (audience `slackbot`) and keeping workspaces
 * in a real test dataservice, listening on 127.0.0.1 on a free port. A fake actions service on the same
 * bus answers the local chat. `POST /slack/events` is signed in `prepare` with the provider's signing
 * secret over the very bytes the hooks send (a wrong secret for its 401).
 */
export async function startProvider(): Promise<ProviderSession> {
  const cleanups: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const dealer = await startTestTokenDealer();
    cleanups.push(() => dealer.close());
    const dataservice = await buildTestDataservice(dealer);
    cleanups.push(() => dataservice.close());
    const dataserviceUrl = await dataservice.app.listen({ port: 0, host: "127.0.0.1" });
    const bus = new MemoryBus({ logger: silentLogger });
    cleanups.push(() => bus.close());
    const actions = await startFakeActions(bus);
    cleanups.push(() => actions.stop());
    const slackbot = await buildTestSlackbot({ dealer, dataserviceUrl, bus });
    cleanups.push(() => slackbot.close());
    const url = await slackbot.app.listen({ port: 0, host: "127.0.0.1" });
    const { app, signingSecret, slack } = slackbot;
    const install = app.slackInstall.settings;
    if (!install) throw new Error("the test slackbot was built without the Slack install");
    const { stateSecret } = install;
    const scopes = ["chat:write", OTHER_SCOPE];
    const client = await dealer.addClient("dredd-slackbot", scopes, ["slackbot"]);

    /** Makes the bus refuse every publish until undone (the 503s: the message cannot be put on the bus). */
    function busDown(): Undo {
      const publish = bus.publish;
      bus.publish = () => Promise.reject(new Error("the bus is down (Dredd provider state)"));
      return () => {
        bus.publish = publish;
      };
    }

    /** Makes the Slack install read as not configured until undone (the 503s of both install endpoints). */
    function installNotConfigured(): Undo {
      app.slackInstall.settings = undefined;
      return () => {
        app.slackInstall.settings = install;
      };
    }

    /**
     * Slack's redirect back after an approved install: a state this slackbot signed just now and a code
     * never used before (the fake Slack takes a code once), no `error`.
     */
    function approvedCallback(request: RequestSpec): void {
      delete request.query.error;
      const { state, cookie } = issueInstallState(stateSecret, app.slackInstall.now());
      request.query.state = state;
      request.headers.Cookie = `${INSTALL_COOKIE}=${cookie}`;
      request.query.code = freshId("dredd-code-");
    }

    /** Provider states: what a transaction needs beyond the default request. */
    function prepare(transaction: PlannedTransaction, request: RequestSpec): Undo | undefined {
      let undo: Undo | undefined;
      switch (`${transaction.operation.operationId} ${transaction.status}`) {
        case "receiveSlackEvent 413":
          request.body = { type: "event_callback", padding: "x".repeat(Number(app.initialConfig.bodyLimit)) };
          break;
        case "receiveSlackEvent 503":
          request.body = appMention();
          undo = busDown();
          break;
        case "sendChatMessage 503":
          undo = busDown();
          break;
        case "sendChatMessage 504": {
          const { localChat } = app;
          const timeoutMs = localChat.timeoutMs;
          actions.state.silent = true;
          localChat.timeoutMs = SHORT_REPLY_TIMEOUT_MS;
          undo = () => {
            actions.state.silent = false;
            localChat.timeoutMs = timeoutMs;
          };
          break;
        }
        case "startSlackInstall 503":
          undo = installNotConfigured();
          break;
        case "finishSlackInstall 200":
          // A new workspace each time (plain and gzip): the dataservice stores it, the page names it.
          approvedCallback(request);
          slack.oauth({
            team: { id: freshId("T0DREDD"), name: INSTALLED_TEAM_NAME },
            botToken: `xoxb-dredd-${randomUUID()}`,
          });
          break;
        case "finishSlackInstall 502":
          // Slack refuses the app's credentials: not the user's to fix, so 502 (not 400).
          approvedCallback(request);
          slack.oauth({ ok: false, error: "bad_client_secret" });
          break;
        case "finishSlackInstall 503":
          // A well-formed callback, so the query passes validation and the handler finds no settings.
          approvedCallback(request);
          undo = installNotConfigured();
          break;
        case "getReady 503": {
          // The local chat's subscription reads as stopped for this one request.
          const { localChat } = app;
          localChat.running = false;
          undo = () => {
            localChat.running = true;
          };
          break;
        }
      }
      if (transaction.operation.security.some((requirement) => SLACK_SIGNATURE in requirement)) {
        // Frozen as raw bytes, so what is signed is what the hooks send (gzip on top is undone before the check).
        const body = encodeRequestBody(index, transaction, request) ?? Buffer.alloc(0);
        request.rawBody = body;
        Object.assign(request.headers, sign(body, request.credentials === "valid"));
      }
      return undo;
    }

    /** Slack's signature headers over `body`: with the signing secret, or a wrong one. */
    function sign(body: Buffer, valid: boolean): Record<string, string> {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const secret = valid ? signingSecret : `not-${signingSecret}`;
      return {
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": signSlackRequest(secret, timestamp, body),
      };
    }

    return {
      url,
      app,
      credentials: {
        bearer: (wanted) => dealer.token(client.id, client.secret, "slackbot", wanted),
        scopes,
        signedByPrepare: [SLACK_SIGNATURE],
        foreignBearer: () => foreignToken(dealer, scopes),
        sign,
      },
      params: { existing: {}, missing: {} },
      async seed() {
        if (!app.localChat.running || !app.replyPoster.running) {
          throw new Error("the slackbot's bus subscriptions are not running");
        }
      },
      prepare,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
