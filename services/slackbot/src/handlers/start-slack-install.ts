import type { StartSlackInstallHandler } from "@jeeves/generated/handlers/slackbot";
import type { HandlerContext } from "@jeeves/service-kit";
import type { FastifyInstance } from "fastify";
import { INSTALL_COOKIE, INSTALL_STATE_TTL_SECONDS, issueInstallState } from "../domain/install-state.ts";
import { authorizeUrl } from "../domain/slack-install.ts";
import { ERR } from "../errors.ts";
import type { SlackInstallSettings } from "../plugins/slack-install.ts";

/**
 * The install settings, or 503 when the install cannot complete: no Slack client id and secret, or no
 * workspace store to keep the bot token in. The reason is logged (5xx problems carry no detail).
 */
export function installSettings(app: FastifyInstance, log: { warn(message: string): void }): SlackInstallSettings {
  const { settings } = app.slackInstall;
  if (!settings) {
    log.warn("Slack install asked for, but SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are not both set");
    throw ERR.INSTALL_NOT_CONFIGURED();
  }
  if (!app.workspaces?.install) {
    log.warn("Slack install asked for, but there is no workspace store to keep the bot token in");
    throw ERR.INSTALL_NOT_CONFIGURED();
  }
  return settings;
}

/**
 * Redirects the browser to Slack's authorize page with the bot scopes and a fresh signed state, and sets
 * the install cookie (httpOnly, SameSite=Lax, for the callback's path only, 10 minutes) that binds the
 * state to this browser.
 */
export const startSlackInstall: StartSlackInstallHandler<HandlerContext> = (_request, { app, request, reply }) => {
  const settings = installSettings(app, request.log);
  const { state, cookie } = issueInstallState(settings.stateSecret, app.slackInstall.now());
  reply.setCookie(INSTALL_COOKIE, cookie, {
    path: settings.cookie.path,
    httpOnly: true,
    sameSite: "lax",
    secure: settings.cookie.secure,
    maxAge: INSTALL_STATE_TTL_SECONDS,
  });
  const location = authorizeUrl(settings.authorizeUrl, {
    clientId: settings.clientId,
    scopes: settings.scopes,
    redirectUri: settings.redirectUri,
    state,
  });
  return { status: 302, headers: { location, "cache-control": "no-store" } };
};
