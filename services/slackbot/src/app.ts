import { type Bus, observeBus } from "@jeeves/bus";
import { spec } from "@jeeves/generated/specs/slackbot";
import {
  type ConnectRetry,
  createApp,
  DEFAULT_REDIS_KEY_PREFIX,
  openapiRoutes,
  type TokenVerifier,
} from "@jeeves/service-kit";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import type { DataserviceConnection, WorkspaceTokens } from "./adapters/workspace-tokens.ts";
import { DEFAULT_SLACK_API_URL } from "./config.ts";
import { deriveStateSecret } from "./domain/install-state.ts";
import { handlers } from "./handlers/index.ts";
import { slackSignatureHook } from "./hooks/slack-signature.ts";
import { busPlugin } from "./plugins/bus.ts";
import { localChatPlugin } from "./plugins/local-chat.ts";
import { replyPosterPlugin } from "./plugins/reply-poster.ts";
import { slackEventsPlugin } from "./plugins/slack-events.ts";
import { type SlackInstallOptions, slackInstallPlugin } from "./plugins/slack-install.ts";
import { workspacesPlugin } from "./plugins/workspaces.ts";
import { rateLimits, type SlackbotRateLimits } from "./rate-limits.ts";

/** What the slackbot is built from. */
export interface AppOptions {
  /** The bus (see `createBus`); the app subscribes and publishes on it but never closes it. */
  bus: Bus;
  /** The Slack app's signing secret: every `POST /slack/events` must be signed with it. */
  signingSecret: string;
  /** Slack's Web API base URL (default `https://slack.com/api/`; a fake in tests). */
  slackApiUrl?: string;
  /** Verifies the TokenDealer's bearer tokens (audience `slackbot`) for `POST /chat`. */
  verifier: TokenVerifier;
  /** The TokenDealer's URL (`TOKENDEALER_URL`): the docs' "Authorize" asks it for tokens. Default the spec's. */
  tokenDealerUrl?: string;
  /**
   * Bot tokens and uninstalls: a ready {@link WorkspaceTokens} port, or the dataservice to reach
   * (`{ baseUrl, auth, fetch? }`, tokens cached 5 minutes). Without it, replies to Slack are
   * dead-lettered and uninstalls only logged.
   */
  workspaces?: WorkspaceTokens | DataserviceConnection;
  /**
   * The Slack app's OAuth settings for `GET /slack/install` and `GET /slack/oauth/callback` (client id
   * and secret, redirect URI, authorize URL, state secret). Without them both answer 503.
   */
  install?: SlackInstallOptions;
  logger?: FastifyServerOptions["logger"];
  /** Retries of a failing `chat.postMessage`: attempts (default 5) and first delay (default 5000 ms, doubling). */
  poster?: { maxAttempts?: number; retryDelayMs?: number; retryBackoff?: number; maxRetryDelayMs?: number };
  /** How long `POST /chat` waits for Jeeves's reply before 504. Default 15000. */
  chatReplyTimeoutMs?: number;
  /** How long the publish of a Slack message may take before Slack gets 503 (it waits 3 s). Default 2500. */
  publishTimeoutMs?: number;
  /** The clock in ms (signature timestamps, install states, message times, token cache). Default `Date.now`. */
  now?: () => number;
  /** Requests per minute per address on `/slack/events` and `/chat` (see `DEFAULT_RATE_LIMITS`). */
  rateLimits?: SlackbotRateLimits;
  /**
   * A `redis://` URL (`REDIS_URL`): what the replicas must share lives there: the rate limits, the Slack
   * event ids published, the replies posted, the install states used. Default in memory (one replica).
   */
  redisUrl?: string;
  /** Put before every Redis key (`REDIS_KEY_PREFIX`, default `jeeves:`; tests use their own). */
  redisKeyPrefix?: string;
  /** Prefix of the rate limits' Redis keys; default `<redisKeyPrefix>rate-limit:slackbot:`. */
  rateLimitKeyPrefix?: string;
  /** How often Redis is tried at start-up (`STARTUP_CONNECT_*`). Default the kit's. */
  connectRetry?: ConnectRetry;
  /** This replica's id: `/chat` replies come back on `chat.reply.local.<replicaId>`. Default a new one per app. */
  replicaId?: string;
}

/**
 * Builds the slackbot from its spec; it never listens (server.ts does). The signature of Slack's
 * requests is checked on the raw body by a preParsing hook of `receiveSlackEvent`, before any parsing.
 * The Slack install flow (`/slack/install`, `/slack/oauth/callback`) runs when `install` is given.
 * The reply poster and the local chat subscribe on the bus while the app is built and stop when it closes.
 * With `redisUrl` the replicas share one Redis (connected while the app is built, closed with it).
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const now = options.now ?? Date.now;
  const keyPrefix = options.redisKeyPrefix ?? DEFAULT_REDIS_KEY_PREFIX;
  const app = await createApp({
    name: "slackbot",
    spec,
    tokenDealerUrl: options.tokenDealerUrl,
    logger: options.logger,
    redis: { url: options.redisUrl, keyPrefix, connectRetry: options.connectRetry },
    rateLimit: { keyPrefix: options.rateLimitKeyPrefix ?? `${keyPrefix}rate-limit:slackbot:` },
  });
  const limits = rateLimits(options.rateLimits);
  // Its publishes and deliveries counted in the app's metrics (jeeves_bus_messages_*).
  await app.register(busPlugin, { bus: observeBus(options.bus, app.metrics.bus) });
  // The dead letters it holds, read at each scrape (jeeves_bus_dead_letters).
  const deadLetterCount = options.bus.deadLetterCount?.bind(options.bus);
  if (deadLetterCount) app.metrics.deadLetters(deadLetterCount);
  await app.register(workspacesPlugin, { workspaces: options.workspaces, now });
  await app.register(slackEventsPlugin, { now, publishTimeoutMs: options.publishTimeoutMs ?? 2500 });
  const slackApiUrl = options.slackApiUrl ?? DEFAULT_SLACK_API_URL;
  await app.register(slackInstallPlugin, {
    install: options.install,
    slackApiUrl,
    defaultStateSecret: () => deriveStateSecret(options.signingSecret),
    now,
  });
  await app.register(replyPosterPlugin, {
    slackApiUrl,
    retry: options.poster,
  });
  await app.register(localChatPlugin, {
    timeoutMs: options.chatReplyTimeoutMs ?? 15_000,
    now,
    replicaId: options.replicaId,
  });
  await app.register(openapiRoutes, {
    spec,
    handlers,
    verifier: options.verifier,
    hooks: {
      receiveSlackEvent: {
        preParsing: [slackSignatureHook({ signingSecret: options.signingSecret, now })],
        rateLimit: limits.receiveSlackEvent,
      },
      sendChatMessage: { rateLimit: limits.sendChatMessage },
    },
  });
  return app;
}
