import { ERR } from "../errors.ts";
import type { ClientDefinition } from "./default-clients.ts";

const CLIENT_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;
// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
const AUDIENCE = /^[\x21-\x7E]+$/;

/** Whether a text is a well-formed client id: lower-case letters, digits, `.`, `_`, `-`; at most 64. */
export function isClientId(value: unknown): value is string {
  return typeof value === "string" && CLIENT_ID.test(value);
}

/**
 * Checks a client's id, scopes and audiences (well-formed, at least one of each) and its person scopes
 * when it has them (at least one audience, each with at least one well-formed scope), and returns them
 * de-duplicated; throws TOKENDEALER_ERR_INVALID_CLIENT_DEFINITION naming what is wrong.
 */
export function checkClientDefinition(definition: ClientDefinition): ClientDefinition {
  const { id, scopes, audiences } = definition;
  const fail = (detail: string) => ERR.INVALID_CLIENT_DEFINITION({ detail });
  if (!isClientId(id)) {
    throw fail(`client id ${JSON.stringify(id)} must be 1-64 of a-z 0-9 . _ - (starting with a letter or digit)`);
  }
  if (!Array.isArray(scopes) || scopes.length === 0) throw fail(`client ${id} needs at least one scope`);
  const badScope = scopes.find((scope) => typeof scope !== "string" || !SCOPE_TOKEN.test(scope));
  if (badScope !== undefined) throw fail(`scope ${JSON.stringify(badScope)} of client ${id} is not a scope token`);
  if (!Array.isArray(audiences) || audiences.length === 0) throw fail(`client ${id} needs at least one audience`);
  const badAudience = audiences.find((audience) => typeof audience !== "string" || !AUDIENCE.test(audience));
  if (badAudience !== undefined) {
    throw fail(`audience ${JSON.stringify(badAudience)} of client ${id} is not a name without spaces`);
  }
  const checked: ClientDefinition = { id, scopes: [...new Set(scopes)], audiences: [...new Set(audiences)] };
  if (definition.personScopes === undefined) return checked;
  return { ...checked, personScopes: checkPersonScopes(id, definition.personScopes, fail) };
}

/** A client's person scopes, checked and de-duplicated (see checkClientDefinition). */
function checkPersonScopes(
  id: string,
  personScopes: unknown,
  fail: (detail: string) => Error,
): Record<string, string[]> {
  if (typeof personScopes !== "object" || personScopes === null || Array.isArray(personScopes)) {
    throw fail(`the person scopes of client ${id} must map audiences to scopes`);
  }
  const entries = Object.entries(personScopes as Record<string, unknown>);
  if (entries.length === 0) throw fail(`client ${id} has person scopes for no audience`);
  const checked: Record<string, string[]> = {};
  for (const [audience, list] of entries) {
    if (!AUDIENCE.test(audience)) {
      throw fail(`person audience ${JSON.stringify(audience)} of client ${id} is not a name without spaces`);
    }
    if (!Array.isArray(list) || list.length === 0) throw fail(`client ${id} needs a person scope for ${audience}`);
    const bad = list.find((scope) => typeof scope !== "string" || !SCOPE_TOKEN.test(scope));
    if (bad !== undefined) {
      throw fail(`person scope ${JSON.stringify(bad)} of client ${id} for ${audience} is not a scope token`);
    }
    checked[audience] = [...new Set(list as string[])];
  }
  return checked;
}
