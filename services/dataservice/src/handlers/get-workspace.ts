import type { GetWorkspaceHandler } from "@jeeves/generated/handlers/dataservice";
import { type HandlerContext, requireScope } from "@jeeves/service-kit";
import { ERR } from "../errors.ts";
import { workspaceView } from "./workspace-view.ts";

/** One workspace; the bot token only with include_secrets=true and the scope workspaces:secrets. */
export const getWorkspace: GetWorkspaceHandler<HandlerContext> = async ({ params, query }, { app, request }) => {
  if (query.include_secrets === true) requireScope(request, "workspaces:secrets");
  const workspace = await app.store.workspaces.get(params.teamId);
  if (!workspace) throw ERR.WORKSPACE_NOT_FOUND({ detail: `no workspace ${params.teamId}` });
  return { status: 200, body: workspaceView(workspace, query.include_secrets === true) };
};
