import { AUDIENCES, SCOPES } from "./suite-names.ts";

/** A client as it is defined, before it has a secret. */
export interface ClientDefinition {
  id: string;
  scopes: string[];
  audiences: string[];
}

/**
 * The clients of the embedded default, created with the registry when it does not exist yet. Each
 * service gets what it calls; `jeeves-admin` (people, contract tests, the local chat) gets everything.
 */
export const DEFAULT_CLIENTS: readonly ClientDefinition[] = [
  {
    id: "actions",
    scopes: ["users:read", "users:write", "weather:read", "chat:write"],
    audiences: ["dataservice", "weather", "slackbot"],
  },
  {
    id: "slackbot",
    scopes: ["users:read", "users:write", "workspaces:read", "workspaces:write", "workspaces:secrets", "chat:write"],
    audiences: ["dataservice", "actions"],
  },
  {
    id: "scheduler",
    // users:write: it claims each day's alert (POST /alert-sends) so that two copies never send it twice.
    scopes: ["users:read", "users:write", "weather:read", "chat:write"],
    audiences: ["dataservice", "weather", "slackbot"],
  },
  {
    id: "dashboard",
    scopes: ["users:read", "users:write", "workspaces:read", "chat:write"],
    audiences: ["dataservice", "slackbot", "actions"],
  },
  { id: "jeeves-admin", scopes: [...SCOPES], audiences: [...AUDIENCES] },
];
