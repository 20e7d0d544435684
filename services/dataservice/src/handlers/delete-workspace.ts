import type { DeleteWorkspaceHandler } from "@jeeves/generated/handlers/dataservice";
import type { HandlerContext } from "@jeeves/service-kit";
import { ERR } from "../errors.ts";

/** Forgets a workspace. */
export const deleteWorkspace: DeleteWorkspaceHandler<HandlerContext> = async ({ params }, { app }) => {
  if (!(await app.store.workspaces.delete(params.teamId))) {
    throw ERR.WORKSPACE_NOT_FOUND({ detail: `no workspace ${params.teamId}` });
  }
  return { status: 204 };
};
