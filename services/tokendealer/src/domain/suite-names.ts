import { SERVICE_AUDIENCES, SERVICE_MANIFESTS, SERVICE_SCOPES } from "@jeeves/manifest";

/**
 * The scopes of the suite, in their documented order (docs/architecture.md): those each service's
 * manifest says its operations accept, in start order (`services/<name>/service.json`).
 */
export const SCOPES: readonly string[] = SERVICE_SCOPES;

/**
 * The administrator's scope: beside `users:write` it makes admins and changes emails and passwords at
 * the dataservice, and it lets a client introspect every token, not only its own. Only `jeeves-admin`
 * holds it by default.
 */
export const ADMIN_SCOPE = "users:admin";

/** The JWT audiences (docs/architecture.md): the services of the manifest, each its own audience. */
export const AUDIENCES: readonly string[] = SERVICE_AUDIENCES;

/** Sorts scopes in the documented order, unknown ones after them alphabetically. */
export function sortScopes(scopes: Iterable<string>): string[] {
  const rank = (scope: string) => {
    const at = SCOPES.indexOf(scope);
    return at === -1 ? SCOPES.length : at;
  };
  return [...new Set(scopes)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The scopes the service `audience` accepts (its manifest's), empty for a name that is not a service. */
export function scopesOf(audience: string): readonly string[] {
  return SERVICE_MANIFESTS.find((service) => service.audience === audience)?.scopes ?? [];
}
