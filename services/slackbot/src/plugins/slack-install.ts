import cookie from "@fastify/cookie";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { createMemoryUsedNonces } from "../adapters/memory-used-nonces.ts";
import { createRedisUsedNonces } from "../adapters/redis-used-nonces.ts";
import { type ExchangeInstallCode, slackOauthExchange } from "../adapters/slack-oauth.ts";
import {
  BOT_SCOPES,
  DEFAULT_PUBLIC_URL,
  DEFAULT_SLACK_AUTHORIZE_URL,
  SLACK_CALLBACK_PATH,
} from "../domain/slack-install.ts";
import type { UsedNonces } from "../domain/used-nonces.ts";

/** The Slack app's OAuth settings; without them (or a workspace store) both install endpoints answer 503. */
export interface SlackInstallOptions {
  /** `SLACK_CLIENT_ID`. */
  clientId: string;
  /** `SLACK_CLIENT_SECRET`: sent to Slack only, never logged. */
  clientSecret: string;
  /** `SLACK_REDIRECT_URI`; default `http://127.0.0.1:3002/slack/oauth/callback`. Must be one of the app's redirect URLs. */
  redirectUri?: string;
  /** `SLACK_OAUTH_AUTHORIZE_URL`; default `https://slack.com/oauth/v2/authorize`. */
  authorizeUrl?: string;
  /** The HMAC key of the `state` (`SLACK_STATE_SECRET`); default derived from the signing secret. */
  stateSecret?: string | Buffer;
  /** Whether the install cookie is `Secure`; default: the redirect URI is https (from-config: `SLACKBOT_PUBLIC_URL` is). */
  secureCookie?: boolean;
  /** The states already used (single use); default in Redis when the app has it (shared), else in memory. */
  usedNonces?: UsedNonces;
}

/** The install flow's settings, all resolved. */
export interface SlackInstallSettings {
  clientId: string;
  redirectUri: string;
  authorizeUrl: string;
  scopes: readonly string[];
  stateSecret: string | Buffer;
  /** The install cookie's attributes: its path (the redirect URI's) and whether it is `Secure`. */
  cookie: { path: string; secure: boolean };
  /** The states already used. */
  usedNonces: UsedNonces;
  /** Exchanges a code with `oauth.v2.access` (with the client secret). */
  exchange: ExchangeInstallCode;
}

/** What the install handlers read: the settings (undefined: not configured) and the clock. */
export interface SlackInstall {
  settings: SlackInstallSettings | undefined;
  now: () => number;
}

declare module "fastify" {
  interface FastifyInstance {
    slackInstall: SlackInstall;
  }
}

/** Options of the install plugin. */
export interface SlackInstallPluginOptions {
  install?: SlackInstallOptions;
  /** Slack's Web API base URL (for `oauth.v2.access`). */
  slackApiUrl: string;
  /** The default state secret: derived from the signing secret. */
  defaultStateSecret: () => Buffer;
  now: () => number;
}

/**
 * Decorates `app.slackInstall` (the OAuth settings, undefined when the Slack app's client id or secret is
 * not given) and registers @fastify/cookie (the install cookie). The callback's request line is logged
 * with `code` and `state` redacted by the service kit, like every query secret.
 */
export const slackInstallPlugin = fp(
  async (app: FastifyInstance, options: SlackInstallPluginOptions) => {
    const { install } = options;
    const redirectUri = install?.redirectUri ?? `${DEFAULT_PUBLIC_URL}${SLACK_CALLBACK_PATH}`;
    const settings: SlackInstallSettings | undefined = install
      ? {
          clientId: install.clientId,
          redirectUri,
          authorizeUrl: install.authorizeUrl ?? DEFAULT_SLACK_AUTHORIZE_URL,
          scopes: BOT_SCOPES,
          stateSecret: install.stateSecret ?? options.defaultStateSecret(),
          cookie: {
            path: new URL(redirectUri).pathname,
            secure: install.secureCookie ?? redirectUri.startsWith("https:"),
          },
          usedNonces:
            install.usedNonces ??
            (app.redis
              ? createRedisUsedNonces({ redis: app.redis, now: options.now, log: app.log })
              : createMemoryUsedNonces({ now: options.now })),
          exchange: slackOauthExchange({
            slackApiUrl: options.slackApiUrl,
            clientId: install.clientId,
            clientSecret: install.clientSecret,
          }),
        }
      : undefined;
    await app.register(cookie);
    app.decorate("slackInstall", { settings, now: options.now });
  },
  { name: "slackbot-slack-install", dependencies: ["jeeves-redis"] },
);
