import { randomBytes } from "node:crypto";
import { type Bus, MemoryBus, silentLogger } from "@jeeves/bus";
import { createTokenProvider } from "@jeeves/client-kit";
import { createTokenVerifier } from "@jeeves/service-kit";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { type AppOptions, buildApp } from "../src/app.ts";
import type { SlackInstallOptions } from "../src/plugins/slack-install.ts";
import { DATASERVICE_SCOPES } from "../src/token-scopes.ts";
import { type FakeSlack, startFakeSlack } from "./fake-slack.ts";

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
