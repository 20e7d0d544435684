import type { Bus } from "@jeeves/bus";
import { createTokenProvider } from "@jeeves/client-kit";
import { ConfigError, connectRetryOf, createTokenVerifier, withoutTrailingSlashes } from "@jeeves/service-kit";
import type { FastifyServerOptions } from "fastify";
import { loadSigningSecret, readClientSecret, type SigningSecretSource } from "./adapters/secret-files.ts";
import type { AppOptions } from "./app.ts";
import type { Config } from "./config.ts";
import { SLACK_CALLBACK_PATH } from "./domain/slack-install.ts";
import type { SlackInstallOptions } from "./plugins/slack-install.ts";
import { DATASERVICE_SCOPES } from "./token-scopes.ts";

/** AppOptions made from the configuration, and where the signing secret came from (to log it). */
export interface ConfiguredApp {
  options: AppOptions;
  signingSecret: { source: SigningSecretSource; file?: string };
  /** The Slack install flow: its redirect URI when on; off when SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are unset. */
  install: { enabled: true; redirectUri: string } | { enabled: false };
}

/**
 * The Slack install settings: none when both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are unset (the
 * endpoints answer 503), ConfigError when only one is set. The redirect URI defaults to
 * `<SLACKBOT_PUBLIC_URL>/slack/oauth/callback`; the state secret, when unset, is derived by the app
 * from the signing secret.
 */
export function installFromConfig(config: Config): (SlackInstallOptions & { redirectUri: string }) | undefined {
  const clientId = config.SLACK_CLIENT_ID;
  const clientSecret = config.SLACK_CLIENT_SECRET;
  if (clientId === undefined && clientSecret === undefined) return undefined;
  if (clientId === undefined || clientSecret === undefined) {
    const missing = clientId === undefined ? "SLACK_CLIENT_ID" : "SLACK_CLIENT_SECRET";
    throw new ConfigError([`${missing} is required for the Slack install once the other one is set`]);
  }
  return {
    clientId,
    clientSecret,
    redirectUri: config.SLACK_REDIRECT_URI ?? `${config.SLACKBOT_PUBLIC_URL}${SLACK_CALLBACK_PATH}`,
    authorizeUrl: config.SLACK_OAUTH_AUTHORIZE_URL,
    // The install cookie is set on the public URL's responses: Secure when that URL is https.
    secureCookie: config.SLACKBOT_PUBLIC_URL.startsWith("https://"),
    ...(config.SLACK_STATE_SECRET ? { stateSecret: config.SLACK_STATE_SECRET } : {}),
  };
}

/**
 * Turns the validated configuration into `buildApp` options, for server.ts and for a launcher that
 * runs several services in one process: reads (or, in the embedded default, creates) the signing
 * secret, reads the client secret (ConfigError when it is nowhere), and wires the token verifier
 * (audience `slackbot`), the slackbot's own tokens for the dataservice, the dataservice URL and the
 * Slack install settings.
 */
export async function appOptionsFromConfig(
  config: Config,
  deps: { bus: Bus; logger?: FastifyServerOptions["logger"] },
): Promise<ConfiguredApp> {
  const install = installFromConfig(config);
  // The client secret first: a start that fails on it leaves no signing secret file behind.
  const clientSecret = await readClientSecret({
    secret: config.SLACKBOT_CLIENT_SECRET,
    file: config.SLACKBOT_CLIENT_SECRET_FILE,
  });
  const signing = await loadSigningSecret({
    secret: config.SLACK_SIGNING_SECRET,
    file: config.SLACK_SIGNING_SECRET_FILE,
  });
  const dealer = withoutTrailingSlashes(config.TOKENDEALER_URL);
  return {
    signingSecret: { source: signing.source, file: signing.file },
    install: install ? { enabled: true, redirectUri: install.redirectUri } : { enabled: false },
    options: {
      ...(install ? { install } : {}),
      bus: deps.bus,
      logger: deps.logger,
      signingSecret: signing.secret,
      slackApiUrl: config.SLACK_API_URL,
      verifier: createTokenVerifier({
        jwksUrl: `${dealer}/.well-known/jwks.json`,
        issuer: dealer,
        audience: "slackbot",
      }),
      tokenDealerUrl: dealer,
      workspaces: {
        baseUrl: config.DATASERVICE_URL,
        auth: createTokenProvider({
          tokendealerUrl: config.TOKENDEALER_URL,
          clientId: config.SLACKBOT_CLIENT_ID,
          clientSecret,
          audience: "dataservice",
          scopes: DATASERVICE_SCOPES,
        }),
      },
      poster: { maxAttempts: config.SLACK_POST_MAX_ATTEMPTS, retryDelayMs: config.SLACK_POST_RETRY_DELAY_MS },
      chatReplyTimeoutMs: config.CHAT_REPLY_TIMEOUT_MS,
      redisUrl: config.REDIS_URL,
      redisKeyPrefix: config.REDIS_KEY_PREFIX,
      connectRetry: connectRetryOf(config),
      rateLimits: {
        slackEventsPerMinute: config.RATE_LIMIT_SLACK_EVENTS_PER_MINUTE,
        chatPerMinute: config.RATE_LIMIT_CHAT_PER_MINUTE,
      },
    },
  };
}
