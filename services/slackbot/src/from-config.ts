import type { Bus } from "@jeeves/bus";
import { createTokenProvider } from "@jeeves/client-kit";
import { createTokenVerifier } from "@jeeves/service-kit";
import type { FastifyServerOptions } from "fastify";
import { loadSigningSecret, readClientSecret, type SigningSecretSource } from "./adapters/secret-files.ts";
import type { AppOptions } from "./app.ts";
import type { Config } from "./config.ts";

/** AppOptions made from the configuration, and where the signing secret came from (to log it). */
export interface ConfiguredApp {
  options: AppOptions;
  signingSecret: { source: SigningSecretSource; file?: string };
}

/**
 * Turns the validated configuration into `buildApp` options, for server.ts and for a launcher that
 * runs several services in one process: reads (or, in the embedded default, creates) the signing
 * secret, reads the client secret (ConfigError when it is nowhere), and wires the token verifier
 * (audience `slackbot`), the slackbot's own tokens for the dataservice and the dataservice URL.
 */
export async function appOptionsFromConfig(
  config: Config,
  deps: { bus: Bus; logger?: FastifyServerOptions["logger"] },
): Promise<ConfiguredApp> {
  // The client secret first: a start that fails on it leaves no signing secret file behind.
  const clientSecret = await readClientSecret({
    secret: config.SLACKBOT_CLIENT_SECRET,
    file: config.SLACKBOT_CLIENT_SECRET_FILE,
  });
  const signing = await loadSigningSecret({
    secret: config.SLACK_SIGNING_SECRET,
    file: config.SLACK_SIGNING_SECRET_FILE,
  });
  const dealer = config.TOKENDEALER_URL.replace(/\/+$/, "");
  return {
    signingSecret: { source: signing.source, file: signing.file },
    options: {
      bus: deps.bus,
      logger: deps.logger,
      signingSecret: signing.secret,
      slackApiUrl: config.SLACK_API_URL,
      verifier: createTokenVerifier({
        jwksUrl: `${dealer}/.well-known/jwks.json`,
        issuer: dealer,
        audience: "slackbot",
      }),
      workspaces: {
        baseUrl: config.DATASERVICE_URL,
        auth: createTokenProvider({
          tokendealerUrl: config.TOKENDEALER_URL,
          clientId: config.SLACKBOT_CLIENT_ID,
          clientSecret,
          audience: "dataservice",
        }),
      },
      poster: { maxAttempts: config.SLACK_POST_MAX_ATTEMPTS, retryDelayMs: config.SLACK_POST_RETRY_DELAY_MS },
      chatReplyTimeoutMs: config.CHAT_REPLY_TIMEOUT_MS,
    },
  };
}
