import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import {
  createDataserviceWorkspaces,
  type DataserviceConnection,
  type WorkspaceTokens,
} from "../adapters/workspace-tokens.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** Bot tokens and uninstalls; undefined when the app was built without a workspace store. */
    workspaces: WorkspaceTokens | undefined;
  }
}

/** Options of the workspaces plugin: a ready port, or the dataservice to reach. */
export interface WorkspacesPluginOptions {
  workspaces?: WorkspaceTokens | DataserviceConnection;
  now: () => number;
}

/** Tells a ready WorkspaceTokens port from a dataservice connection. */
export function isWorkspaceTokens(value: WorkspaceTokens | DataserviceConnection): value is WorkspaceTokens {
  return typeof (value as WorkspaceTokens).botToken === "function";
}

/** Decorates `app.workspaces`: the port given, or one backed by the dataservice (tokens cached 5 min). */
export const workspacesPlugin = fp(
  async (app: FastifyInstance, options: WorkspacesPluginOptions) => {
    const given = options.workspaces;
    const port =
      given === undefined
        ? undefined
        : isWorkspaceTokens(given)
          ? given
          : createDataserviceWorkspaces({ ...given, now: options.now });
    if (!port) app.log.warn("no workspace store: replies to Slack cannot be posted and uninstalls are not recorded");
    app.decorate("workspaces", port);
  },
  { name: "slackbot-workspaces" },
);
