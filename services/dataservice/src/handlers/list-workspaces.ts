import type { ListWorkspacesHandler } from "@jeeves/generated/handlers/dataservice";
import type { HandlerContext } from "@jeeves/service-kit";
import { workspaceView } from "./workspace-view.ts";

/** One page of workspaces, never with bot tokens. */
export const listWorkspaces: ListWorkspacesHandler<HandlerContext> = async ({ query }, { app }) => {
  const page = await app.store.workspaces.list(query.limit ?? 50, query.cursor);
  return { status: 200, body: { items: page.items.map((w) => workspaceView(w)), next_cursor: page.next_cursor } };
};
