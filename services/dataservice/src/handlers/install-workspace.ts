import type { InstallWorkspaceHandler } from "@jeeves/generated/handlers/dataservice";
import type { HandlerContext } from "@jeeves/service-kit";
import { workspaceView } from "./workspace-view.ts";

/** Installs (201) or updates (200) a workspace; the answer never includes the token. */
export const installWorkspace: InstallWorkspaceHandler<HandlerContext> = async ({ params, body }, { app }) => {
  const { workspace, created } = await app.store.workspaces.upsert(params.teamId, body);
  return { status: created ? 201 : 200, body: workspaceView(workspace) };
};
