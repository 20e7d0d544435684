import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readForm } from "@jeeves/slackbot/testing";
import { monotonicMs } from "./clock.ts";

/** One `chat.postMessage` call the mock received. */
export interface MockPost {
  /** Arrival, in {@link monotonicMs} (the whole body read). */
  at: number;
  channel: string;
  text: string;
  /** The thread the reply went to: the `ts` of the event it answers (the slackbot threads its replies). */
  threadTs?: string;
}

/** The Slack Web API mock the slackbot posts its replies to during a benchmark. */
export interface SlackMock {
  /** The base URL to give the slackbot as `SLACK_API_URL` (ends with `/`). */
  url: string;
  /** Every `chat.postMessage`, oldest first. */
  readonly posts: readonly MockPost[];
  /** The first post in each thread, by `thread_ts`. */
  readonly byThread: ReadonlyMap<string, MockPost>;
  /** Forgets every post (between rounds). */
  clear(): void;
  /** Resolves once `check()` holds after a post, or false after `timeoutMs` (never rejects). */
  waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

function sendJson(response: ServerResponse, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(200, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
}

/** Answers one Web API call: `chat.postMessage` is recorded, anything else is `unknown_method`. */
function answer(method: string, form: Record<string, string>, record: (post: MockPost) => string): unknown {
  if (method !== "chat.postMessage") return { ok: false, error: "unknown_method" };
  if (!form.channel || form.text === undefined) return { ok: false, error: "invalid_arguments" };
  const post: MockPost = { at: monotonicMs(), channel: form.channel, text: form.text };
  if (form.thread_ts) post.threadTs = form.thread_ts;
  const ts = record(post);
  return {
    ok: true,
    channel: post.channel,
    ts,
    message: { type: "message", text: post.text, ts, ...(post.threadTs ? { thread_ts: post.threadTs } : {}) },
  };
}

/**
 * Starts the mock on 127.0.0.1 (a free port): `POST /chat.postMessage` (form-encoded as @slack/web-api
 * sends it, or JSON) is recorded with its arrival time and answered `{ok: true, channel, ts, message}`
 * with an increasing `ts`, the shape `WebClient.chat.postMessage` reads; other methods answer
 * `{ok: false, error: "unknown_method"}`. It runs in the bench process, off the server's CPU.
 */
export async function startSlackMock(): Promise<SlackMock> {
  const posts: MockPost[] = [];
  const byThread = new Map<string, MockPost>();
  const waiters = new Set<() => void>();
  let counter = 0;
  const record = (post: MockPost) => {
    posts.push(post);
    if (post.threadTs && !byThread.has(post.threadTs)) byThread.set(post.threadTs, post);
    counter += 1;
    return `1764316800.${String(counter).padStart(6, "0")}`;
  };
  const server = createServer((request, response) => {
    const method = (request.url ?? "").split("?")[0].replace(/^\/+/, "");
    readForm(request).then(
      (form) => {
        sendJson(
          response,
          request.method === "POST" ? answer(method, form, record) : { ok: false, error: "unknown_method" },
        );
        for (const wake of [...waiters]) wake();
      },
      () => sendJson(response, { ok: false, error: "invalid_json" }),
    );
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    posts,
    byThread,
    clear() {
      posts.length = 0;
      byThread.clear();
    },
    waitUntil(check, timeoutMs) {
      if (check()) return Promise.resolve(true);
      return new Promise((resolve) => {
        const done = (result: boolean) => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(result);
        };
        const wake = () => {
          if (check()) done(true);
        };
        const timer = setTimeout(() => done(check()), timeoutMs);
        waiters.add(wake);
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
