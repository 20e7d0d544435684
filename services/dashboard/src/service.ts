import { existsSync } from "node:fs";
import { join } from "node:path";
import { createTokenExchange, createTokenProvider } from "@jeeves/client-kit";
import { connectRetryOf, readClientSecret, withoutTrailingSlashes } from "@jeeves/service-kit";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import manifest from "../service.json" with { type: "json" };
import { type AppOptions, buildApp } from "./app.ts";
import type { Config } from "./config.ts";
import { installUrl, serviceLinks } from "./domain/service-links.ts";
import { secureCookie } from "./domain/session-cookie.ts";
import { TOKEN_SCOPES } from "./token-scopes.ts";

/**
 * Turns the validated configuration into `buildApp` options: reads the client secret (ConfigError when it
 * is nowhere), and wires the dashboard's own token (client credentials: `users:read` at the dataservice,
 * for the password check, as its manifest's client asks), the person tokens (token exchange at the
 * TokenDealer, audiences `dataservice` and `slackbot`: the chat speaks as the person), the public URLs and
 * the page's folder.
 */
export function appOptionsFromConfig(
  config: Config,
  options: { logger?: FastifyServerOptions["logger"] } = {},
): AppOptions {
  const clientSecret = readClientSecret({
    variable: "DASHBOARD_CLIENT_SECRET",
    secret: config.DASHBOARD_CLIENT_SECRET,
    file: config.DASHBOARD_CLIENT_SECRET_FILE,
  });
  const tokendealerUrl = withoutTrailingSlashes(config.TOKENDEALER_URL);
  const client = { tokendealerUrl, clientId: config.DASHBOARD_CLIENT_ID, clientSecret };
  const scopes = TOKEN_SCOPES;
  return {
    dataservice: {
      url: config.DATASERVICE_URL,
      token: createTokenProvider({ ...client, audience: "dataservice", scopes: [...scopes.dataservice] }),
    },
    slackbot: {
      url: config.SLACKBOT_URL,
      personTokens: createTokenExchange({ ...client, audience: "slackbot" }),
    },
    personTokens: createTokenExchange({ ...client, audience: "dataservice" }),
    links: {
      services: serviceLinks(config.SERVICE_PUBLIC_URLS, { name: manifest.name, url: config.DASHBOARD_PUBLIC_URL }),
      installUrl: installUrl(config.SLACKBOT_PUBLIC_URL ?? withoutTrailingSlashes(config.SLACKBOT_URL)),
    },
    staticDir: config.DASHBOARD_STATIC_DIR,
    secureCookie: secureCookie(config.DASHBOARD_PUBLIC_URL),
    sessionTtlSeconds: config.DASHBOARD_SESSION_TTL_SECONDS,
    loginFailuresPerMinute: config.RATE_LIMIT_LOGIN_PER_MINUTE,
    timeoutMs: config.UPSTREAM_TIMEOUT_MS,
    chatTimeoutMs: config.CHAT_TIMEOUT_MS,
    redisUrl: config.REDIS_URL,
    redisKeyPrefix: config.REDIS_KEY_PREFIX,
    connectRetry: connectRetryOf(config),
    tokenDealerUrl: tokendealerUrl,
    logger: options.logger,
  };
}

/**
 * Builds the dashboard from its configuration, as `server.ts` and the one-process suite run it (see
 * appOptionsFromConfig). It does not listen. A page that is not built is said once in the log.
 */
export async function prepareDashboard(
  config: Config,
  options: { logger?: FastifyServerOptions["logger"] } = {},
): Promise<FastifyInstance> {
  const app = await buildApp(appOptionsFromConfig(config, options));
  if (!existsSync(join(config.DASHBOARD_STATIC_DIR, "index.html"))) {
    app.log.warn(
      { dir: config.DASHBOARD_STATIC_DIR },
      "the dashboard's page is not built (npm run build): / answers 503 until it is",
    );
  }
  return app;
}
