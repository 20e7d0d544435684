import type { components } from "@jeeves/generated/openapi/dataservice";
import type { WorkspaceRecord } from "../domain/store.ts";

/** A stored workspace as the API shows it: the bot token only when asked for. */
export function workspaceView(record: WorkspaceRecord, withSecret = false): components["schemas"]["Workspace"] {
  const { bot_token, ...rest } = record;
  return withSecret ? { ...rest, bot_token } : rest;
}
