import type { GetWorkspaceHandler } from "@jeeves/generated/handlers/dataservice";
import type { HandlerContext } from "@jeeves/service-kit";
import { ERR } from "../errors.ts";
import { toWorkspace } from "./workspace-view.ts";

/** One workspace; the bot token only with include_secrets=true. */
export const getWorkspace: GetWorkspaceHandler<HandlerContext> = async ({ params, query }, { app }) => {
  const workspace = await app.store.workspaces.get(params.teamId);
  if (!workspace) throw ERR.WORKSPACE_NOT_FOUND({ detail: `no workspace ${params.teamId}` });
  return { status: 200, body: toWorkspace(workspace, query.include_secrets === true) };
};
