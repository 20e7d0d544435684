import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestContext } from "node:test";
import { type BusMessage, type ChatMessage, silentLogger, subscribeChatMessages } from "@jeeves/bus";
import { createTokenProvider } from "@jeeves/client-kit";
import { createDataserviceClient } from "@jeeves/client-kit/clients/dataservice";
import { type FakeSlack, signedSlackRequest, startFakeSlack } from "@jeeves/slackbot/testing";
import { startFakeOpenWeatherMap } from "@jeeves/weather/testing";
import amqp from "amqplib";
import type { FastifyServerOptions } from "fastify";
import { launchSuite, type RunningSuite } from "../src/launch.ts";
import { portVariable, SERVICES } from "../src/layout.ts";
import { type FlakyProxy, startFlakyProxy } from "./flaky-proxy.ts";

/** The RabbitMQ the end-to-end tests use (BUS_TEST_RABBIT_URL, default the local broker). */
export const RABBIT_URL = process.env.BUS_TEST_RABBIT_URL ?? "amqp://guest:guest@127.0.0.1:5672";

/** Whether a RabbitMQ broker answers at RABBIT_URL. */
export async function rabbitReachable(): Promise<boolean> {
  try {
    const connection = await amqp.connect(RABBIT_URL);
    await connection.close();
    return true;
  } catch {
    return false;
  }
}

/** The workspace the tests install, and the bot in it. */
export const TEAM = "T0E2E0001";
export const BOT_USER = "U0JEEVES1";
export const BOT_TOKEN = "xoxb-e2e-not-a-real-token";

/** The whole suite on free ports and a temporary data folder, with a fake Slack and a flaky proxy. */
export interface E2e {
  suite: RunningSuite;
  slack: FakeSlack;
  /** In front of the dataservice: the slackbot and actions reach it through this. */
  proxy: FlakyProxy;
  signingSecret: string;
  /** The suite's data folder (the TokenDealer's client secrets are under tokendealer/secrets). */
  dataRoot: string;
  /** Every ChatMessage the slackbot put on the bus (a spy group of its own). */
  published: ChatMessage[];
  /** Sends a Slack event to POST /slack/events, signed (at `timestamp`, default now) unless `signed` is false. */
  sendEvent(
    body: unknown,
    options?: { headers?: Record<string, string>; signed?: boolean; timestamp?: number },
  ): Promise<Response>;
  /** RabbitMQ only: messages in a group's dead-letter queue; in-process: `bus.deadLetters` of the group. */
  deadLetters(group: string): Promise<number>;
  /** The environment that points `npm run dead-letters` at this suite's bus (data folder, or broker and prefix). */
  deadLettersEnv: Record<string, string>;
}

/** Options of {@link startE2e}. */
export interface E2eOptions {
  bus: "memory" | "rabbitmq";
  /** pino options for every service and the bus (default: no logs). */
  logger?: FastifyServerOptions["logger"];
  /** More environment for the suite (say the Slack app's client id and secret). */
  env?: Record<string, string>;
}

/**
 * Starts the suite as `npm start` does (launchSuite), on free ports, with its data in a temporary
 * folder, Slack replaced by a fake, the dataservice behind a proxy that can fail on purpose, short
 * retry delays, and a workspace installed with its bot token. Everything is closed after the test.
 */
export async function startE2e(t: TestContext, options: E2eOptions): Promise<E2e> {
  const dataRoot = await mkdtemp(join(tmpdir(), "jeeves-e2e-"));
  const slack = await startFakeSlack();
  const openweathermap = await startFakeOpenWeatherMap();
  // Every service on port 0: each listens on a port of its own choosing, so no other process can take
  // it between a free-port check and the listen (launchSuite hands the real URLs on in start order).
  const proxy = await startFlakyProxy();
  const signingSecret = randomBytes(16).toString("hex");
  const run = `e2e-${randomUUID().slice(0, 8)}`;
  const rabbit = options.bus === "rabbitmq";
  const suite = await launchSuite({
    env: {
      JEEVES_DATA_DIR: `${dataRoot}/`,
      ...Object.fromEntries(SERVICES.map((name) => [portVariable(name), "0"])),
      OPENWEATHER_URL: openweathermap.url,
      OPENWEATHER_API_KEY: "e2e-not-a-real-key",
      DATASERVICE_URL: proxy.url,
      SLACK_API_URL: slack.url,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_POST_MAX_ATTEMPTS: "3",
      SLACK_POST_RETRY_DELAY_MS: "50",
      ACTIONS_MAX_ATTEMPTS: "3",
      ACTIONS_RETRY_DELAY_MS: "50",
      CHAT_REPLY_TIMEOUT_MS: "5000",
      SCHEDULER_TICK_MS: "200",
      ...(rabbit ? { BUS_URL: RABBIT_URL } : {}),
      ...options.env,
    },
    logger: options.logger ?? false,
    ...(options.logger ? {} : { busLogger: silentLogger }),
    ...(rabbit ? { bus: { exchange: `${run}.jeeves`, queuePrefix: `${run}.` } } : {}),
    onListening: (name, url) => {
      if (name === "dataservice") proxy.forwardTo(url);
    },
  });
  const published: ChatMessage[] = [];
  await subscribeChatMessages(suite.bus, "e2e-spy", async (message) => {
    published.push(message);
  });
  t.after(async () => {
    await suite.close();
    await slack.close();
    await proxy.close();
    await openweathermap.close();
    if (rabbit) await deleteRabbitRun(run);
    await rm(dataRoot, { recursive: true, force: true });
  });
  await installWorkspace(
    { dataservice: suite.layout.urls.dataservice, tokendealer: suite.layout.urls.tokendealer },
    dataRoot,
  );
  const slackbotUrl = suite.layout.urls.slackbot;
  return {
    suite,
    slack,
    proxy,
    signingSecret,
    dataRoot,
    published,
    deadLettersEnv: rabbit ? { BUS_URL: RABBIT_URL, BUS_QUEUE_PREFIX: `${run}.` } : { JEEVES_DATA_DIR: `${dataRoot}/` },
    async sendEvent(body, { headers = {}, signed = true, timestamp } = {}) {
      const request = signedSlackRequest(signingSecret, body, { timestamp });
      const sent = signed ? request.headers : { "content-type": "application/json" };
      return fetch(`${slackbotUrl}/slack/events`, {
        method: "POST",
        headers: { ...sent, ...headers },
        body: request.payload,
      });
    },
    async deadLetters(group) {
      if (!rabbit) {
        const bus = suite.bus as unknown as { deadLetters: { group: string }[] };
        return bus.deadLetters.filter((d) => d.group === group).length;
      }
      const connection = await amqp.connect(RABBIT_URL);
      try {
        const channel = await connection.createChannel();
        return (await channel.checkQueue(`${run}.${group}.dead`)).messageCount;
      } finally {
        await connection.close();
      }
    },
  };
}

/** Installs the test workspace through the dataservice's API, as the Slack install will. */
export async function installWorkspace(
  urls: { dataservice: string; tokendealer: string },
  dataRoot: string,
): Promise<void> {
  const secret = (await readFile(join(dataRoot, "tokendealer", "secrets", "jeeves-admin.secret"), "utf8")).trim();
  const client = createDataserviceClient({
    baseUrl: urls.dataservice,
    auth: createTokenProvider({
      tokendealerUrl: urls.tokendealer,
      clientId: "jeeves-admin",
      clientSecret: secret,
      audience: "dataservice",
    }),
  });
  const { response } = await client.PUT("/workspaces/{teamId}", {
    params: { path: { teamId: TEAM } },
    body: {
      team_name: "Drones Club",
      bot_user_id: BOT_USER,
      bot_token: BOT_TOKEN,
      scopes: ["app_mentions:read", "chat:write"],
    },
  });
  if (response.status !== 201) throw new Error(`installing the test workspace answered ${response.status}`);
}

/** Deletes the queues and the exchange of one RabbitMQ test run. */
async function deleteRabbitRun(run: string): Promise<void> {
  const connection = await amqp.connect(RABBIT_URL);
  const channel = await connection.createChannel();
  for (const group of ["actions", "slackbot", "slackbot-chat", "e2e-spy"]) {
    for (const suffix of ["", ".retry", ".dead"]) await channel.deleteQueue(`${run}.${group}${suffix}`);
  }
  await channel.deleteExchange(`${run}.jeeves`);
  await connection.close();
}

let events = 0;

/** A Slack `event_callback` envelope with an `app_mention` of Jeeves (or other event fields). */
export function mention(
  text: string,
  event: Record<string, unknown> = {},
): Record<string, unknown> & { event_id: string; event: { ts: string; channel: string } } {
  events += 1;
  const ts = `${Math.floor(Date.now() / 1000)}.${String(events).padStart(6, "0")}`;
  return {
    token: "legacy-verification-token",
    team_id: TEAM,
    api_app_id: "A0JEEVES1",
    type: "event_callback",
    event_id: `Ev0E2E${randomUUID().replaceAll("-", "").slice(0, 12).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM, user_id: BOT_USER, is_bot: true }],
    event: {
      type: "app_mention",
      user: "U0BERTIE1",
      text: `<@${BOT_USER}> ${text}`,
      ts,
      channel: "C0CLUB001",
      event_ts: ts,
      ...event,
    },
  } as never;
}

/** Waits `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it holds (rejects after `timeoutMs`: generous, the machine may be loaded). */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

export type { BusMessage };
