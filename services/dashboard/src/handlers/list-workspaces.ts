import type { ListWorkspacesHandler } from "@jeeves/generated/handlers/dashboard";
import type { HandlerContext } from "@jeeves/service-kit";
import { callerOf } from "../hooks/session-guard.ts";

/** The workspaces Jeeves is installed in (name and date only, never a token), and where "Add to Slack" starts. */
export const listWorkspaces: ListWorkspacesHandler<HandlerContext> = async (_request, { request, app }) => {
  const workspaces = await app.dataservice.listWorkspaces(callerOf(request));
  return {
    status: 200,
    body: {
      items: workspaces.map(({ team_id, team_name, installed_at }) => ({ team_id, team_name, installed_at })),
      install_url: app.links.installUrl,
    },
  };
};
