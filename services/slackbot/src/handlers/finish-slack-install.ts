import type { FinishSlackInstallHandler } from "@jeeves/generated/handlers/slackbot";
import type { HandlerContext } from "@jeeves/service-kit";
import { type InstalledWorkspace, SlackOauthError } from "../adapters/slack-oauth.ts";
import {
  INSTALL_COOKIE,
  type InstallStateFailure,
  isBrowserBinding,
  verifyInstallState,
} from "../domain/install-state.ts";
import { installedPage } from "../domain/slack-install.ts";
import { ERR } from "../errors.ts";
import { installSettings } from "./start-slack-install.ts";

const START_AGAIN = "start again at /slack/install";

const STATE_DETAILS: Record<InstallStateFailure, string> = {
  malformed: `the state is not one this slackbot issues: ${START_AGAIN}`,
  forged: `the state was not issued by this slackbot: ${START_AGAIN}`,
  expired: `the install link expired (it is valid 10 minutes): ${START_AGAIN}`,
};

const OTHER_BROWSER = `this install was not started in this browser (its install cookie is missing or belongs to another install): ${START_AGAIN}`;
const USED = `this install link was used already (it works once): ${START_AGAIN}`;

/** Slack's refusals the user can act on (a 400 saying what to do); any other is ours to fix (502, logged). */
const REFUSALS: Record<string, string> = {
  invalid_code: `Slack did not accept the install code (invalid_code: codes work once, for 10 minutes): ${START_AGAIN}`,
  code_already_used: `Slack did not accept the install code (code_already_used): ${START_AGAIN}`,
  no_team: "Jeeves is installed one workspace at a time: organization-wide installs are not supported",
};

/** Headers of the page: never cached, no scripts, no sniffing. */
const PAGE_HEADERS = {
  "cache-control": "no-store",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
  "x-content-type-options": "nosniff",
};

/**
 * Slack's redirect back after the user approved (or refused) the install: checks the signed state, that
 * this browser's install cookie is bound to it, and that it was not used before (it is used up then,
 * whatever comes next, and the cookie cleared); exchanges the code with `oauth.v2.access`, stores the
 * workspace in the dataservice (a reinstall replaces the token and drops the cached one) and answers a
 * small HTML page.
 */
export const finishSlackInstall: FinishSlackInstallHandler<HandlerContext> = async (
  { query },
  { app, request, reply },
) => {
  const settings = installSettings(app, request.log);
  const check = verifyInstallState(settings.stateSecret, query.state, app.slackInstall.now());
  if (!check.ok) {
    request.log.warn({ reason: check.reason }, "Slack install callback with a bad state: refused");
    throw ERR.BAD_INSTALL_STATE({ detail: STATE_DETAILS[check.reason] });
  }
  const { nonce, exp } = check.payload;
  const cookie = request.cookies[INSTALL_COOKIE];
  if (!isBrowserBinding(settings.stateSecret, nonce, cookie)) {
    const reason = cookie === undefined ? "no install cookie" : "the install cookie of another install";
    request.log.warn({ reason }, "Slack install callback from another browser: refused");
    throw ERR.BAD_INSTALL_STATE({ detail: OTHER_BROWSER });
  }
  if (!(await settings.usedNonces.useOnce(nonce, exp * 1000))) {
    request.log.warn({ reason: "state used already" }, "Slack install callback with a used state: refused");
    throw ERR.BAD_INSTALL_STATE({ detail: USED });
  }
  reply.clearCookie(INSTALL_COOKIE, {
    path: settings.cookie.path,
    httpOnly: true,
    sameSite: "lax",
    secure: settings.cookie.secure,
  });
  if (query.error !== undefined) {
    request.log.info({ slack_error: query.error }, "Slack install not approved");
    throw ERR.INSTALL_CANCELLED({
      detail:
        query.error === "access_denied"
          ? `Jeeves was not installed: the install was cancelled in Slack (access_denied). You can ${START_AGAIN}`
          : `Jeeves was not installed: Slack said ${query.error}. You can ${START_AGAIN}`,
    });
  }
  if (query.code === undefined) {
    throw ERR.INSTALL_REFUSED({ detail: `Slack sent neither a code nor an error: ${START_AGAIN}` });
  }

  let installed: InstalledWorkspace;
  try {
    installed = await settings.exchange(query.code, settings.redirectUri);
  } catch (error) {
    const refusal = error instanceof SlackOauthError ? REFUSALS[error.code] : undefined;
    if (refusal) {
      request.log.warn({ slack_error: (error as SlackOauthError).code }, "Slack refused the install");
      throw ERR.INSTALL_REFUSED({ detail: refusal, cause: error });
    }
    throw ERR.INSTALL_FAILED({ detail: "the code could not be exchanged with oauth.v2.access", cause: error });
  }

  const { teamId, teamName, botUserId, botToken, scopes } = installed;
  let outcome: "created" | "updated";
  try {
    // installSettings checked that the store can install.
    outcome = await app.workspaces!.install!(teamId, { teamName, botUserId, botToken, scopes });
  } catch (error) {
    throw ERR.INSTALL_FAILED({ detail: `workspace ${teamId} could not be stored`, cause: error });
  }
  request.log.info(
    { team: teamId, team_name: teamName, bot_user: botUserId, scopes, reinstall: outcome === "updated" },
    outcome === "created" ? "Jeeves was installed in a workspace" : "Jeeves was reinstalled in a workspace",
  );
  return { status: 200, body: installedPage(teamName), headers: PAGE_HEADERS };
};
