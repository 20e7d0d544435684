import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Bus, MemoryBus, silentLogger } from "@jeeves/bus";
import { createTokenProvider } from "@jeeves/client-kit";
import { createTokenVerifier } from "@jeeves/service-kit";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { type AppOptions, buildApp } from "./app.ts";
import { signSlackRequest } from "./domain/slack-signature.ts";
import type { SlackInstallOptions } from "./plugins/slack-install.ts";
import { DATASERVICE_SCOPES } from "./token-scopes.ts";

/** One `chat.postMessage` call the fake Slack received, and what it answered. */
export interface FakeSlackPost {
  /** The bearer token it came with (`Authorization`, or a `token` field). */
  token: string | undefined;
  channel: string;
  text: string;
  thread_ts?: string;
  /** When it arrived (`Date.now()`). */
  at: number;
  /** The HTTP status answered. */
  status: number;
  /** The `ts` of the posted message when the answer was `ok: true`. */
  ts?: string;
}

/** How the fake answers one call: `ok: true` (the default), `ok: false` with an error, 429, or an HTTP error. */
export type FakeSlackAnswer =
  | { ok: true }
  | { ok: false; error: string }
  | { status: 429; retryAfter: number }
  | { status: 500 | 502 | 503 };

/** One `oauth.v2.access` call the fake Slack received (the client secret too: it is a test secret). */
export interface FakeSlackExchange {
  code: string;
  client_id?: string;
  client_secret?: string;
  redirect_uri?: string;
  /** The `Authorization` header, if any (Slack takes HTTP Basic; a bearer token is wrong here). */
  authorization?: string;
  /** The error answered, when it was refused. */
  error?: string;
}

/** What the fake's `oauth.v2.access` answers: an install in a workspace, or `ok: false`. */
export type FakeOauthAnswer =
  | {
      team: { id: string; name: string };
      /** The bot token; `<n>` in it becomes the fake's install count (a new token per install). */
      botToken: string;
      botUserId?: string;
      /** Default the four bot scopes, comma-separated. */
      scope?: string;
    }
  | { ok: false; error: string };

/** A fake of Slack's Web API on 127.0.0.1 (node:http), for tests here and end to end. */
export interface FakeSlack {
  /** The base URL to use as `SLACK_API_URL` / `slackApiUrl`; ends with `/`. */
  url: string;
  /** Every `chat.postMessage` call, oldest first (the refused ones too). */
  readonly posts: FakeSlackPost[];
  /** Queues answers for the next `chat.postMessage` calls, one each; after them, `ok: true` again. */
  script(...answers: FakeSlackAnswer[]): void;
  /** Every `oauth.v2.access` call, oldest first. */
  readonly exchanges: FakeSlackExchange[];
  /**
   * What `oauth.v2.access` answers from now on (a code works once: a second use is `invalid_code`).
   * Default: workspace `T0FAKESLACK` "Fake Slack", bot user `U0FAKEBOT`, token `xoxb-fake-<n>`.
   */
  oauth(answer: FakeOauthAnswer): void;
  /** Resolves once at least `count` calls arrived (rejects after `timeoutMs`, default 15000). */
  waitForPosts(count: number, timeoutMs?: number): Promise<FakeSlackPost[]>;
  close(): Promise<void>;
}

async function readForm(request: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if ((request.headers["content-type"] ?? "").startsWith("application/json")) {
    const json = JSON.parse(text || "{}") as Record<string, unknown>;
    return Object.fromEntries(Object.entries(json).map(([key, value]) => [key, String(value)]));
  }
  return Object.fromEntries(new URLSearchParams(text));
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  response.end(JSON.stringify(body));
}

/** The fake's `oauth.v2.access`: records the call, refuses a missing or reused code, else answers `answer`. */
function answerOauth(
  form: Record<string, string>,
  authorization: string | undefined,
  state: { answer: FakeOauthAnswer; exchanges: FakeSlackExchange[]; usedCodes: Set<string>; installs: number },
): Record<string, unknown> {
  const exchange: FakeSlackExchange = {
    code: form.code ?? "",
    ...(form.client_id !== undefined ? { client_id: form.client_id } : {}),
    ...(form.client_secret !== undefined ? { client_secret: form.client_secret } : {}),
    ...(form.redirect_uri !== undefined ? { redirect_uri: form.redirect_uri } : {}),
    ...(authorization !== undefined ? { authorization } : {}),
  };
  state.exchanges.push(exchange);
  const refuse = (error: string) => {
    exchange.error = error;
    return { ok: false, error };
  };
  if (!exchange.code || state.usedCodes.has(exchange.code)) return refuse("invalid_code");
  state.usedCodes.add(exchange.code);
  const { answer } = state;
  if ("ok" in answer) return refuse(answer.error);
  state.installs += 1;
  return {
    ok: true,
    access_token: answer.botToken.replace("<n>", String(state.installs)),
    token_type: "bot",
    scope: answer.scope ?? "app_mentions:read,chat:write,im:history,im:write",
    bot_user_id: answer.botUserId ?? "U0FAKEBOT",
    app_id: "A0FAKEAPP",
    team: answer.team,
    enterprise: null,
    authed_user: { id: "U0INSTALLER" },
    is_enterprise_install: false,
  };
}

/**
 * Starts a fake of Slack's Web API: `POST /chat.postMessage` (form-encoded, as @slack/web-api sends
 * it, or JSON) is recorded and answered `{ ok: true, channel, ts, message }` with increasing `ts`, unless
 * `script` says otherwise for that call. `POST /oauth.v2.access` is recorded and answers what `oauth`
 * set. Other methods answer `ok: false, error: unknown_method`.
 */
export async function startFakeSlack(): Promise<FakeSlack> {
  const posts: FakeSlackPost[] = [];
  const scripted: FakeSlackAnswer[] = [];
  const waiters = new Set<() => void>();
  let counter = 0;
  const oauth = {
    answer: { team: { id: "T0FAKESLACK", name: "Fake Slack" }, botToken: "xoxb-fake-<n>" } as FakeOauthAnswer,
    exchanges: [] as FakeSlackExchange[],
    usedCodes: new Set<string>(),
    installs: 0,
  };

  const server = createServer(async (request, response) => {
    const method = (request.url ?? "").replace(/^\/+/, "").split("?")[0];
    const form = await readForm(request).catch(() => undefined);
    if (request.method === "POST" && method === "oauth.v2.access" && form) {
      sendJson(response, 200, answerOauth(form, request.headers.authorization, oauth));
      return;
    }
    if (request.method !== "POST" || method !== "chat.postMessage" || !form) {
      sendJson(response, 200, { ok: false, error: form ? "unknown_method" : "invalid_json" });
      return;
    }
    const bearer = /^Bearer\s+(\S.*)$/i.exec(request.headers.authorization ?? "")?.[1];
    const post: FakeSlackPost = {
      token: bearer ?? form.token,
      channel: form.channel,
      text: form.text,
      ...(form.thread_ts ? { thread_ts: form.thread_ts } : {}),
      at: Date.now(),
      status: 200,
    };
    posts.push(post);
    const answer = scripted.shift() ?? { ok: true };
    if ("status" in answer) {
      post.status = answer.status;
      if (answer.status === 429) {
        sendJson(response, 429, { ok: false, error: "ratelimited" }, { "retry-after": String(answer.retryAfter) });
      } else {
        response.writeHead(answer.status, { "content-type": "text/plain" });
        response.end("upstream trouble");
      }
    } else if (!answer.ok) {
      sendJson(response, 200, { ok: false, error: answer.error });
    } else {
      counter += 1;
      post.ts = `${1_764_316_800 + counter}.000${String(counter).padStart(3, "0")}`;
      sendJson(response, 200, {
        ok: true,
        channel: post.channel,
        ts: post.ts,
        message: {
          type: "message",
          text: post.text,
          ts: post.ts,
          ...(post.thread_ts ? { thread_ts: post.thread_ts } : {}),
        },
      });
    }
    for (const wake of [...waiters]) wake();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    posts,
    script: (...answers) => {
      scripted.push(...answers);
    },
    exchanges: oauth.exchanges,
    oauth: (answer) => {
      oauth.answer = answer;
    },
    waitForPosts(count, timeoutMs = 15_000) {
      if (posts.length >= count) return Promise.resolve(posts);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`fake Slack: ${posts.length} of ${count} chat.postMessage calls after ${timeoutMs} ms`));
        }, timeoutMs);
        const check = () => {
          if (posts.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(posts);
        };
        waiters.add(check);
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Headers and payload of a request as Slack would sign it, for `app.inject` or fetch. */
export interface SignedSlackRequest {
  headers: Record<string, string>;
  payload: string;
}

/**
 * Signs a body the way Slack does (`v0=` HMAC-SHA256 of `v0:<timestamp>:<body>`). `body` is sent as is
 * when a string, else as JSON; `timestamp` (Unix seconds) defaults to now.
 */
export function signedSlackRequest(
  secret: string,
  body: unknown,
  options: { timestamp?: number | string } = {},
): SignedSlackRequest {
  const payload = typeof body === "string" ? body : JSON.stringify(body);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  return {
    headers: {
      "content-type": "application/json",
      "x-slack-request-timestamp": timestamp,
      "x-slack-signature": signSlackRequest(secret, timestamp, payload),
    },
    payload,
  };
}

/** The TokenDealer a test slackbot trusts and gets its tokens from (a `startTestTokenDealer()`). */
export interface TestDealer {
  url: string;
  jwksUrl: string;
  addClient(id: string, scopes: string[], audiences: string[]): Promise<{ id: string; secret: string }>;
}

/** Options of {@link buildTestSlackbot}. */
export interface TestSlackbotOptions
  extends Partial<Omit<AppOptions, "workspaces" | "verifier" | "logger" | "install">> {
  dealer: TestDealer;
  /** A running dataservice trusting the same dealer (e.g. `buildTestDataservice(dealer)` listening). */
  dataserviceUrl: string;
  /** The slackbot's client at the dealer; default a new one with the workspaces scopes. */
  client?: { id: string; secret: string };
  /** The fake Slack to post to; default a new `startFakeSlack()` (closed by `close()`). */
  slack?: FakeSlack;
  /**
   * The Slack install settings; default {@link TEST_INSTALL} (its client id and a random client secret,
   * against the fake Slack's `oauth.v2.access`). `false`: not configured (both endpoints answer 503).
   */
  install?: SlackInstallOptions | false;
  logger?: FastifyServerOptions["logger"];
}

/** The test slackbot's default install settings, but the client secret (random per slackbot). */
export const TEST_INSTALL = {
  clientId: "1234567890.1234567890123",
  redirectUri: "http://127.0.0.1:3002/slack/oauth/callback",
  authorizeUrl: "https://slack.com/oauth/v2/authorize",
} as const;

/** A slackbot built for tests, with what it talks to. */
export interface TestSlackbot {
  app: FastifyInstance;
  bus: Bus;
  slack: FakeSlack;
  signingSecret: string;
  /** The install settings the slackbot was built with; undefined when `install: false`. */
  install: SlackInstallOptions | undefined;
  /** Closes the app, then the fake Slack if this helper started it, then the bus if it made it. */
  close(): Promise<void>;
}

let clients = 0;

/**
 * Builds a slackbot (not listening) against a test TokenDealer and a test dataservice: its own client
 * with `workspaces:read`, `workspaces:secrets` and `workspaces:write` for the dataservice, a random
 * signing secret, a fake Slack, the install flow on ({@link TEST_INSTALL}) and, unless one is given, an
 * in-process bus. Other AppOptions pass through.
 */
export async function buildTestSlackbot(options: TestSlackbotOptions): Promise<TestSlackbot> {
  const {
    dealer,
    dataserviceUrl,
    client: givenClient,
    slack: givenSlack,
    bus: givenBus,
    install: givenInstall,
    ...rest
  } = options;
  clients += 1;
  const client =
    givenClient ??
    (await dealer.addClient(`slackbot-test-${process.pid}-${clients}`, DATASERVICE_SCOPES, ["dataservice"]));
  const slack = givenSlack ?? (await startFakeSlack());
  const bus = givenBus ?? new MemoryBus({ logger: silentLogger });
  const signingSecret = rest.signingSecret ?? randomBytes(16).toString("hex");
  const install =
    givenInstall === false
      ? undefined
      : (givenInstall ?? { ...TEST_INSTALL, clientSecret: randomBytes(16).toString("hex") });
  const app = await buildApp({
    logger: false,
    ...rest,
    bus,
    signingSecret,
    slackApiUrl: rest.slackApiUrl ?? slack.url,
    verifier: createTokenVerifier({ jwksUrl: dealer.jwksUrl, issuer: dealer.url, audience: "slackbot" }),
    ...(install ? { install } : {}),
    workspaces: {
      baseUrl: dataserviceUrl,
      auth: createTokenProvider({
        tokendealerUrl: dealer.url,
        clientId: client.id,
        clientSecret: client.secret,
        audience: "dataservice",
        scopes: DATASERVICE_SCOPES,
      }),
    },
  });
  return {
    app,
    bus,
    slack,
    signingSecret,
    install,
    async close() {
      await app.close();
      if (!givenSlack) await slack.close();
      if (!givenBus) await bus.close();
    },
  };
}
