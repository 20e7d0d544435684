import type { TestContext } from "node:test";
import { fileURLToPath } from "node:url";
import { type Bus, type ChatMessage, MemoryBus, silentLogger, subscribeChatMessages } from "@jeeves/bus";
import { buildTestDataservice } from "@jeeves/dataservice/testing";
import { startPrism } from "@jeeves/prism";
import { startTestTokenDealer, type TestTokenDealer } from "@jeeves/tokendealer/testing";
import { buildTestSlackbot, type TestSlackbot, type TestSlackbotOptions } from "../testing/index.ts";

/** The workspace every test file has installed, and its bot token. */
export const TEAM = "T0123ABCD";
export const BOT_TOKEN = "xoxb-test-T0123ABCD";
export const BOT_USER = "U0BOT0001";
/** The person of {@link Shared.personChatToken}: a dataservice user id. */
export const PERSON = "0190b8a2-7c1e-7d4a-9f3e-5b2a1c0d9e8f";

/** What one test file shares: a real TokenDealer, a real dataservice (listening) and tokens. */
export interface Shared {
  dealer: TestTokenDealer;
  dataserviceUrl: string;
  /** The slackbot's client, with the workspaces scopes for the dataservice. */
  slackbotClient: { id: string; secret: string };
  /** A token for the dataservice with workspaces:read, :write and :secrets (installs in tests). */
  adminToken: string;
  /** A token for the slackbot with chat:write (the local chat). */
  chatToken: string;
  /** A token for the slackbot without chat:write. */
  noChatToken: string;
  /** A person's token for the slackbot with chat:write (token exchange for {@link PERSON}, acted by `dashboard-tests`). */
  personChatToken: string;
}

let shared: Promise<Shared> | undefined;

async function install(services: Shared, teamId: string, botToken: string): Promise<void> {
  const { dataserviceUrl, adminToken } = services;
  const response = await fetch(`${dataserviceUrl}/workspaces/${teamId}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({
      team_name: "Drones Club",
      bot_user_id: BOT_USER,
      bot_token: botToken,
      scopes: ["chat:write"],
    }),
  });
  if (!response.ok) throw new Error(`installing ${teamId}: ${response.status} ${await response.text()}`);
}

/** Installs (or re-installs) a workspace in the shared dataservice with a bot token. */
export async function installWorkspace(teamId: string, botToken: string): Promise<void> {
  await install(await sharedServices(), teamId, botToken);
}

/** Whether the shared dataservice knows a workspace. */
export async function workspaceExists(teamId: string): Promise<boolean> {
  const { dataserviceUrl, adminToken } = await sharedServices();
  const response = await fetch(`${dataserviceUrl}/workspaces/${teamId}`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  return response.status === 200;
}

/**
 * One TokenDealer and one dataservice per test file (process), started on first use; neither keeps
 * the process alive. The workspace TEAM is installed with BOT_TOKEN.
 */
export function sharedServices(): Promise<Shared> {
  shared ??= (async () => {
    const dealer = await startTestTokenDealer({ unref: true });
    // The dealer's embedded default already has a `slackbot` client (with every slackbot scope).
    const slackbotClient = await dealer.addClient(
      "slackbot-tests",
      ["workspaces:read", "workspaces:secrets", "workspaces:write"],
      ["dataservice"],
    );
    const admin = await dealer.addClient(
      "admin-tests",
      ["workspaces:read", "workspaces:write", "workspaces:secrets"],
      ["dataservice"],
    );
    const chat = await dealer.addClient("chat-tests", ["chat:write", "users:read"], ["slackbot"]);
    const actor = await dealer.addClient("dashboard-tests", ["users:read"], ["dataservice"], {
      slackbot: ["chat:write"],
    });
    const dataservice = await buildTestDataservice(dealer);
    const address = await dataservice.app.listen({ port: 0, host: "127.0.0.1" });
    dataservice.app.server.unref();
    dataservice.app.server.on("connection", (socket) => socket.unref());
    const services: Shared = {
      dealer,
      dataserviceUrl: address,
      slackbotClient,
      adminToken: await dealer.token(admin.id, admin.secret, "dataservice"),
      chatToken: await dealer.token(chat.id, chat.secret, "slackbot", ["chat:write"]),
      noChatToken: await dealer.token(chat.id, chat.secret, "slackbot", ["users:read"]),
      personChatToken: await dealer.personToken(actor.id, actor.secret, PERSON, "slackbot"),
    };
    await install(services, TEAM, BOT_TOKEN);
    return services;
  })();
  return shared;
}

/**
 * Builds a slackbot against the shared TokenDealer and dataservice, with a fake Slack and an in-process
 * bus (quiet, fast retries unless overridden), ready; closed after the test.
 */
export async function build(
  t: TestContext | { after(fn: () => Promise<void>): void },
  options: Partial<TestSlackbotOptions> = {},
): Promise<TestSlackbot & { bus: MemoryBus }> {
  const { dealer, dataserviceUrl, slackbotClient } = await sharedServices();
  // A test that brings its own bus keeps its own reference to it; `bus` is then that one, as given.
  const bus = (options.bus ?? new MemoryBus({ logger: silentLogger })) as MemoryBus;
  const bot = await buildTestSlackbot({
    dealer,
    dataserviceUrl,
    client: slackbotClient,
    poster: { maxAttempts: 3, retryDelayMs: 20 },
    ...options,
    bus,
  });
  t.after(async () => {
    await bot.close();
    if (!options.bus) await bus.close();
  });
  await bot.app.ready();
  return { ...bot, bus };
}

/** The bus with another publish (a bus that fails or hangs), subscribing and closing as the original. */
export function withPublish(bus: Bus, publish: Bus["publish"]): Bus {
  return {
    publish,
    subscribe: (...args) => bus.subscribe(...args),
    close: () => bus.close(),
  };
}

/** Records every ChatMessage published on the bus (group `spy`). */
export async function spyChatMessages(bus: Bus): Promise<ChatMessage[]> {
  const seen: ChatMessage[] = [];
  await subscribeChatMessages(bus, "spy", async (message) => {
    seen.push(message);
  });
  return seen;
}

/** Lets the in-process bus deliver what is queued (it dispatches on setImmediate). */
export async function settle(ms = 30): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `check` is true, or fails after `timeoutMs` (generous: the machine may be loaded). */
export async function eventually(check: () => boolean, timeoutMs = 15_000, what = "condition"): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A workspace as the shared dataservice has it, bot token included; undefined when it is not installed. */
export async function readWorkspace(teamId: string): Promise<Record<string, unknown> | undefined> {
  const { dataserviceUrl, adminToken } = await sharedServices();
  const response = await fetch(`${dataserviceUrl}/workspaces/${teamId}?include_secrets=true`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`reading ${teamId}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** The repository root (Prism and the specs live there). */
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** A running `prism mock`. */
export interface PrismMock {
  /** Its base URL, ending with `/` (use it as SLACK_API_URL). */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts Prism on `spec` (a path from the repository root; `@jeeves/prism`) and resolves once it answers. Prism validates every request against the spec (422 when one breaks it)
 * and answers the spec's examples (`Prefer: example=<name>` picks one).
 */
export async function startPrismMock(spec: string): Promise<PrismMock> {
  const prism = await startPrism(`${ROOT}${spec}`);
  return { url: `${prism.url}/`, close: () => prism.stop() };
}
