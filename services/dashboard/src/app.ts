import { SpecIndex } from "@jeeves/codecs";
import { spec } from "@jeeves/generated/specs/dashboard";
import {
  type ConnectRetry,
  createApp,
  DEFAULT_REDIS_KEY_PREFIX,
  type OperationHooks,
  openapiRoutes,
} from "@jeeves/service-kit";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { DEFAULT_LOGIN_FAILURES_PER_MINUTE, DEFAULT_SESSION_TTL_SECONDS } from "./config.ts";
import type { PersonTokens } from "./domain/person-tokens.ts";
import type { ServiceLink } from "./domain/service-links.ts";
import { handlers } from "./handlers/index.ts";
import { guardOf, sessionGuard } from "./hooks/session-guard.ts";
import { securityHeadersPlugin } from "./plugins/security-headers.ts";
import { sessionsPlugin } from "./plugins/sessions.ts";
import { staticPagePlugin } from "./plugins/static-page.ts";
import { type UpstreamsOptions, upstreamsPlugin } from "./plugins/upstreams.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** Tokens for the logged-in person (forgotten at logout). */
    personTokens: PersonTokens;
    /** What the page links to: each service's docs, and where "Add to Slack" starts. */
    links: { services: ServiceLink[]; installUrl: string };
  }
}

/** What the app is built from. */
export interface AppOptions {
  /** The dataservice: URL, the dashboard's own token for it (password checks), a fetch for tests. */
  dataservice: UpstreamsOptions["dataservice"];
  /** The slackbot: URL, the person tokens for it (audience `slackbot`, `chat:write`), a fetch for tests. */
  slackbot: UpstreamsOptions["slackbot"];
  /** Tokens the TokenDealer issues for a person for the dataservice (token exchange; see `createTokenExchange`). */
  personTokens: PersonTokens;
  /** The services' docs and the Slack install URL the page shows. */
  links: { services: ServiceLink[]; installUrl: string };
  /** The built page (`DASHBOARD_STATIC_DIR`); a folder without `index.html` answers 503 at `/`. */
  staticDir: string;
  /** Whether the session cookie is `Secure` (see secureCookie). Default false. */
  secureCookie?: boolean;
  /** How long a session lasts, seconds. Default 8 hours. */
  sessionTtlSeconds?: number;
  /** Failed logins allowed per address and email within a minute. Default 10. */
  loginFailuresPerMinute?: number;
  /** How long a call to the dataservice may take, ms. Default 10000. */
  timeoutMs?: number;
  /** How long a chat message may wait for its reply, ms. Default 20000. */
  chatTimeoutMs?: number;
  /** `REDIS_URL`: sessions and failed logins shared by every replica. Default in memory. */
  redisUrl?: string;
  /** Put before every Redis key (`REDIS_KEY_PREFIX`, default `jeeves:`; tests use their own). */
  redisKeyPrefix?: string;
  /** How often Redis is tried at start-up (`STARTUP_CONNECT_*`). Default the kit's. */
  connectRetry?: ConnectRetry;
  /** The TokenDealer's URL (`TOKENDEALER_URL`), for the docs. */
  tokenDealerUrl?: string;
  logger?: FastifyServerOptions["logger"];
  /** The clock, ms (sessions, failed logins). Default `Date.now`. */
  now?: () => number;
}

/** The session guard (cookie, and CSRF header for state-changing calls) of every operation the spec guards. */
function guardHooks(sessions: FastifyInstance["sessions"]): Record<string, OperationHooks> {
  const hooks: Record<string, OperationHooks> = {};
  for (const operation of new SpecIndex(spec).byId.values()) {
    if (!guardOf(operation).session) continue;
    hooks[operation.operationId] = { preParsing: [sessionGuard(operation, sessions) as never] };
  }
  return hooks;
}

/**
 * Builds the dashboard from its spec: the `/api` operations (a session cookie and, for state-changing
 * calls, the CSRF header, checked before the body is read), the probes, the docs, and the built page at
 * `/` with its security headers. Sessions and failed logins live in Redis when `redisUrl` is set. It
 * never listens (server.ts does).
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const keyPrefix = options.redisKeyPrefix ?? DEFAULT_REDIS_KEY_PREFIX;
  const app = await createApp({
    name: "dashboard",
    spec,
    tokenDealerUrl: options.tokenDealerUrl,
    logger: options.logger,
    redis: { url: options.redisUrl, keyPrefix, connectRetry: options.connectRetry },
  });
  await app.register(securityHeadersPlugin);
  await app.register(sessionsPlugin, {
    ttlSeconds: options.sessionTtlSeconds ?? DEFAULT_SESSION_TTL_SECONDS,
    loginFailuresPerMinute: options.loginFailuresPerMinute ?? DEFAULT_LOGIN_FAILURES_PER_MINUTE,
    secureCookie: options.secureCookie ?? false,
    now: options.now,
  });
  await app.register(upstreamsPlugin, {
    dataservice: options.dataservice,
    slackbot: options.slackbot,
    personTokens: options.personTokens,
    timeoutMs: options.timeoutMs ?? 10_000,
    chatTimeoutMs: options.chatTimeoutMs ?? 20_000,
  });
  app.decorate("personTokens", options.personTokens);
  app.decorate("links", options.links);
  await app.register(openapiRoutes, { spec, handlers, hooks: guardHooks(app.sessions) });
  await app.register(staticPagePlugin, { dir: options.staticDir });
  return app;
}
