/** The scopes of the suite (docs/architecture.md), in their documented order. */
export const SCOPES = [
  "users:read",
  "users:write",
  "users:admin",
  "workspaces:read",
  "workspaces:write",
  "workspaces:secrets",
  "weather:read",
  "chat:write",
] as const;

/**
 * The administrator's scope: beside `users:write` it makes admins and changes emails and passwords at
 * the dataservice, and it lets a client introspect every token, not only its own. Only `jeeves-admin`
 * holds it by default.
 */
export const ADMIN_SCOPE = "users:admin";

/** The services of the suite, which are also the JWT audiences (docs/architecture.md). */
export const AUDIENCES = [
  "dataservice",
  "tokendealer",
  "slackbot",
  "actions",
  "weather",
  "scheduler",
  "dashboard",
] as const;

/** Sorts scopes in the documented order, unknown ones after them alphabetically. */
export function sortScopes(scopes: Iterable<string>): string[] {
  const rank = (scope: string) => {
    const at = (SCOPES as readonly string[]).indexOf(scope);
    return at === -1 ? SCOPES.length : at;
  };
  return [...new Set(scopes)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
