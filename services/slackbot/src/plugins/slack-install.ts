import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { type ExchangeInstallCode, slackOauthExchange } from "../adapters/slack-oauth.ts";
import {
  BOT_SCOPES,
  DEFAULT_PUBLIC_URL,
  DEFAULT_SLACK_AUTHORIZE_URL,
  SLACK_CALLBACK_PATH,
} from "../domain/slack-install.ts";

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
}

/** The install flow's settings, all resolved. */
export interface SlackInstallSettings {
  clientId: string;
  redirectUri: string;
  authorizeUrl: string;
  scopes: readonly string[];
  stateSecret: string | Buffer;
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

const HIDDEN_QUERY = new Set(["code", "state"]);

/** The request line as logged for the callback: `code` and `state` values hidden. */
export function redactedUrl(url: string): string {
  const [path, query] = url.split("?", 2);
  if (query === undefined) return url;
  const params = new URLSearchParams(query);
  for (const name of params.keys()) if (HIDDEN_QUERY.has(name)) params.set(name, "[hidden]");
  return `${path}?${params.toString()}`;
}

/**
 * Decorates `app.slackInstall` (the OAuth settings, undefined when the Slack app's client id or secret is
 * not given). Two hooks for the callback route: its request log line hides `code` and `state`, and an
 * HTML page a handler answers goes out as it is (the kit encodes bodies as JSON otherwise).
 */
export const slackInstallPlugin = fp(
  async (app: FastifyInstance, options: SlackInstallPluginOptions) => {
    const { install } = options;
    const settings: SlackInstallSettings | undefined = install
      ? {
          clientId: install.clientId,
          redirectUri: install.redirectUri ?? `${DEFAULT_PUBLIC_URL}${SLACK_CALLBACK_PATH}`,
          authorizeUrl: install.authorizeUrl ?? DEFAULT_SLACK_AUTHORIZE_URL,
          scopes: BOT_SCOPES,
          stateSecret: install.stateSecret ?? options.defaultStateSecret(),
          exchange: slackOauthExchange({
            slackApiUrl: options.slackApiUrl,
            clientId: install.clientId,
            clientSecret: install.clientSecret,
          }),
        }
      : undefined;
    app.decorate("slackInstall", { settings, now: options.now });
    app.addHook("onRoute", (route) => {
      if (route.url !== SLACK_CALLBACK_PATH) return;
      route.logSerializers = {
        ...route.logSerializers,
        req: (request: FastifyRequest) => ({
          method: request.method,
          url: redactedUrl(request.url),
          host: request.host,
          remoteAddress: request.ip,
          remotePort: request.socket?.remotePort,
        }),
      };
    });
  },
  { name: "slackbot-slack-install" },
);
