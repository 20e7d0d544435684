import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

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

/** A Slack Web API call's arguments: its form (or JSON) body as strings, as Slack reads them. */
export async function readForm(request: IncomingMessage): Promise<Record<string, string>> {
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
