import { serviceClients } from "@jeeves/manifest";
import { AUDIENCES, SCOPES } from "./suite-names.ts";

/** A client as it is defined, before it has a secret. */
export interface ClientDefinition {
  id: string;
  scopes: string[];
  audiences: string[];
}

/**
 * The clients of the embedded default, created with the registry when it does not exist yet, and
 * reconciled with it at every start (`reconcileDefaultClients`). Each service that calls others gets
 * exactly the scopes and audiences its manifest's `client` asks for (`services/<name>/service.json`,
 * which the service itself reads as its `TOKEN_SCOPES`; services/suite checks that each scope is one an
 * operation the service calls needs); `jeeves-admin` (people, contract tests, the local chat) gets
 * everything, and is the only one with `users:admin`.
 */
export const DEFAULT_CLIENTS: readonly ClientDefinition[] = [
  ...serviceClients(),
  { id: "jeeves-admin", scopes: [...SCOPES], audiences: [...AUDIENCES] },
];

/**
 * Default clients of earlier versions that are no longer defaults, exactly as those versions created
 * them: a registry client equal to one of these (same id, scopes and audiences) is removed at start.
 * `dashboard` had users:write and chat:write before any dashboard existed.
 */
export const RETIRED_DEFAULT_CLIENTS: readonly ClientDefinition[] = [
  {
    id: "dashboard",
    scopes: ["users:read", "users:write", "workspaces:read", "chat:write"],
    audiences: ["dataservice", "slackbot", "actions"],
  },
];

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join(" ") === [...b].sort().join(" ");

/**
 * Brings a registry made by an earlier version in line with the defaults: each default client present
 * gets exactly the default scopes and audiences (its secret stays), a retired default left as it was
 * created is removed, and every other client is kept as it is. Missing defaults are not added back.
 * Answers the clients and the ids it changed or removed (empty when nothing was to do).
 */
export function reconcileDefaultClients<T extends ClientDefinition>(
  clients: readonly T[],
): { clients: T[]; changed: string[]; removed: string[] } {
  const changed: string[] = [];
  const removed: string[] = [];
  const next: T[] = [];
  for (const client of clients) {
    const retired = RETIRED_DEFAULT_CLIENTS.find((old) => old.id === client.id);
    if (retired && sameSet(retired.scopes, client.scopes) && sameSet(retired.audiences, client.audiences)) {
      removed.push(client.id);
      continue;
    }
    const wanted = DEFAULT_CLIENTS.find((definition) => definition.id === client.id);
    if (wanted && !(sameSet(wanted.scopes, client.scopes) && sameSet(wanted.audiences, client.audiences))) {
      changed.push(client.id);
      next.push({ ...client, scopes: [...wanted.scopes], audiences: [...wanted.audiences] });
      continue;
    }
    next.push(client);
  }
  return { clients: next, changed, removed };
}
