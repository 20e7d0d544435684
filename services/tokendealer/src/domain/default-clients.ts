import { serviceClients } from "@jeeves/manifest";
import { AUDIENCES, SCOPES } from "./suite-names.ts";

/** A client as it is defined, before it has a secret. */
export interface ClientDefinition {
  id: string;
  scopes: string[];
  audiences: string[];
  /**
   * The scopes of the tokens it may get for a person (token exchange, RFC 8693), by audience; absent
   * for a client that may not act for people (every client but `dashboard` by default).
   */
  personScopes?: Record<string, string[]>;
}

/**
 * The clients of the embedded default, created with the registry when it does not exist yet, and
 * reconciled with it at every start (`reconcileDefaultClients`). Each service that calls others gets
 * exactly the scopes, audiences and person scopes its manifest's `client` asks for
 * (`services/<name>/service.json`, which the service itself reads as its `TOKEN_SCOPES`; services/suite
 * checks that each scope is one an operation the service calls needs); `jeeves-admin` (people, contract
 * tests, the local chat) gets everything, and is the only one with `users:admin`.
 */
export const DEFAULT_CLIENTS: readonly ClientDefinition[] = [
  ...serviceClients(),
  { id: "jeeves-admin", scopes: [...SCOPES], audiences: [...AUDIENCES] },
];

/**
 * Default clients of earlier versions that are no longer defaults, exactly as those versions created
 * them: a registry client equal to one of these (same id, scopes and audiences) is removed at start.
 * A retired id that is a default again (today's `DEFAULT_CLIENTS`) is reconciled as a default instead:
 * `dashboard` had users:write and chat:write before any dashboard existed, and is a default again now.
 */
export const RETIRED_DEFAULT_CLIENTS: readonly ClientDefinition[] = [
  {
    id: "dashboard",
    scopes: ["users:read", "users:write", "workspaces:read", "chat:write"],
    audiences: ["dataservice", "slackbot", "actions"],
  },
];

/**
 * The default clients a registry without a record of the defaults it was given (one made before that
 * record existed) was given: those of the versions before the dashboard. A default not among them, and
 * not in a registry's record, is new to that registry and is added to it once.
 */
export const EARLIER_DEFAULT_CLIENT_IDS: readonly string[] = ["slackbot", "actions", "scheduler", "jeeves-admin"];

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join(" ") === [...b].sort().join(" ");

/** Whether two person-scope maps give the same scopes for the same audiences (order aside). */
export function samePersonScopes(
  a: Readonly<Record<string, readonly string[]>> | undefined,
  b: Readonly<Record<string, readonly string[]>> | undefined,
): boolean {
  const left = Object.entries(a ?? {});
  const right = b ?? {};
  return (
    left.length === Object.keys(right).length &&
    left.every(([audience, scopes]) => right[audience] !== undefined && sameSet(scopes, right[audience]))
  );
}

/** Whether a client has exactly a definition's scopes, audiences and person scopes. */
function sameDefinition(client: ClientDefinition, definition: ClientDefinition): boolean {
  return (
    sameSet(definition.scopes, client.scopes) &&
    sameSet(definition.audiences, client.audiences) &&
    samePersonScopes(definition.personScopes, client.personScopes)
  );
}

/** A copy of a person-scope map (absent stays absent). */
function copyPersonScopes(definition: ClientDefinition): Pick<ClientDefinition, "personScopes"> {
  if (!definition.personScopes) return {};
  return {
    personScopes: Object.fromEntries(
      Object.entries(definition.personScopes).map(([audience, scopes]) => [audience, [...scopes]]),
    ),
  };
}

/** `client` with exactly `definition`'s scopes, audiences and person scopes (other fields kept). */
export function withDefinition<T extends ClientDefinition>(client: T, definition: ClientDefinition): T {
  const { personScopes: _old, ...rest } = client;
  return {
    ...rest,
    scopes: [...definition.scopes],
    audiences: [...definition.audiences],
    ...copyPersonScopes(definition),
  } as T;
}

/**
 * Brings a registry made by an earlier version in line with the defaults: each default client present
 * gets exactly the default scopes, audiences and person scopes (its secret stays), a retired default
 * left as it was created is removed (unless its id is a default again), and every other client is kept
 * as it is. `given` is the ids of the defaults the registry was given before; a default among them
 * that is missing was removed on purpose and is not added back, one not among them is new and is
 * answered in `added` (the caller gives it a secret). Answers the clients, the ids it changed, removed
 * and should add, and the defaults the registry has now been given. `lists` replaces the default and
 * retired clients (tests).
 */
export function reconcileDefaultClients<T extends ClientDefinition>(
  clients: readonly T[],
  given: readonly string[] = EARLIER_DEFAULT_CLIENT_IDS,
  lists: { defaults?: readonly ClientDefinition[]; retired?: readonly ClientDefinition[] } = {},
): { clients: T[]; changed: string[]; removed: string[]; added: ClientDefinition[]; given: string[] } {
  const defaults = lists.defaults ?? DEFAULT_CLIENTS;
  const retiredDefaults = lists.retired ?? RETIRED_DEFAULT_CLIENTS;
  const changed: string[] = [];
  const removed: string[] = [];
  const next: T[] = [];
  for (const client of clients) {
    const wanted = defaults.find((definition) => definition.id === client.id);
    if (wanted) {
      if (sameDefinition(client, wanted)) next.push(client);
      else {
        changed.push(client.id);
        next.push(withDefinition(client, wanted));
      }
      continue;
    }
    const retired = retiredDefaults.find((old) => old.id === client.id);
    if (retired && sameDefinition(client, retired)) {
      removed.push(client.id);
      continue;
    }
    next.push(client);
  }
  const added = defaults
    .filter((definition) => !given.includes(definition.id) && !next.some((client) => client.id === definition.id))
    .map((definition) => withDefinition({ id: definition.id, scopes: [], audiences: [] }, definition));
  const allGiven = [...new Set([...given, ...defaults.map((definition) => definition.id)])];
  return { clients: next, changed, removed, added, given: allGiven };
}
