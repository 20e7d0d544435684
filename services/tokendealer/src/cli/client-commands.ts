import type { ClientRegistry } from "../adapters/client-registry.ts";
import { AUDIENCES, SCOPES, scopesOf } from "../domain/suite-names.ts";
import { ERR } from "../errors.ts";
import type { Output } from "./output.ts";

/** Splits a comma-separated list, dropping blanks. */
export function splitList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/**
 * Parses `--person-scopes` values, each `<audience>=<scope>,<scope>` (one per audience): the scopes of
 * the tokens the client may get for a person, by audience. Undefined when none is given.
 */
export function parsePersonScopes(values: readonly string[] | undefined): Record<string, string[]> | undefined {
  if (!values || values.length === 0) return undefined;
  const byAudience: Record<string, string[]> = {};
  for (const value of values) {
    const at = value.indexOf("=");
    const audience = at < 0 ? "" : value.slice(0, at).trim();
    const scopes = splitList(at < 0 ? "" : value.slice(at + 1));
    if (!audience || scopes.length === 0) {
      throw ERR.INVALID_CLIENT_DEFINITION({
        detail: `--person-scopes ${JSON.stringify(value)} must be <audience>=<scope>,<scope>, e.g. dataservice=users:read,users:write`,
      });
    }
    if (Object.hasOwn(byAudience, audience)) {
      throw ERR.INVALID_CLIENT_DEFINITION({ detail: `--person-scopes names ${audience} twice` });
    }
    byAudience[audience] = scopes;
  }
  return byAudience;
}

/** Refuses person scopes for an audience that is not a service, or that the service does not accept. */
function checkKnownPersonScopes(personScopes: Record<string, string[]>): void {
  for (const [audience, scopes] of Object.entries(personScopes)) {
    if (!(AUDIENCES as readonly string[]).includes(audience)) {
      throw ERR.INVALID_CLIENT_DEFINITION({
        detail: `unknown person audience ${audience}; known: ${AUDIENCES.join(", ")} (or --allow-unknown)`,
      });
    }
    const accepted = scopesOf(audience);
    const unknown = scopes.filter((scope) => !accepted.includes(scope));
    if (unknown.length > 0) {
      throw ERR.INVALID_CLIENT_DEFINITION({
        detail: `${audience} does not accept the person scope ${unknown.join(", ")}; it accepts: ${accepted.join(", ") || "none"} (or --allow-unknown)`,
      });
    }
  }
}

/**
 * `add-client`: registers a client and prints its secret once. Scopes and audiences must be the suite's
 * names (docs/architecture.md) unless `allowUnknown`, so a typo does not make a useless client; so must
 * person scopes (`--person-scopes <audience>=<scopes>`: tokens for people, by token exchange), each
 * one that its audience accepts.
 */
export async function addClientCommand(
  registry: ClientRegistry,
  options: { id?: string; scopes?: string; audiences?: string; personScopes?: string[]; allowUnknown?: boolean },
  output: Output,
): Promise<void> {
  if (!options.id) throw ERR.INVALID_CLIENT_DEFINITION({ detail: "--id is required" });
  const scopes = splitList(options.scopes);
  const audiences = splitList(options.audiences);
  if (scopes.length === 0)
    throw ERR.INVALID_CLIENT_DEFINITION({ detail: "--scopes is required, e.g. users:read,chat:write" });
  if (audiences.length === 0)
    throw ERR.INVALID_CLIENT_DEFINITION({ detail: "--audiences is required, e.g. dataservice" });
  const personScopes = parsePersonScopes(options.personScopes);
  if (!options.allowUnknown) {
    const unknownScopes = scopes.filter((scope) => !(SCOPES as readonly string[]).includes(scope));
    if (unknownScopes.length > 0) {
      throw ERR.INVALID_CLIENT_DEFINITION({
        detail: `unknown scope ${unknownScopes.join(", ")}; known: ${SCOPES.join(", ")} (or --allow-unknown)`,
      });
    }
    const unknownAudiences = audiences.filter((audience) => !(AUDIENCES as readonly string[]).includes(audience));
    if (unknownAudiences.length > 0) {
      throw ERR.INVALID_CLIENT_DEFINITION({
        detail: `unknown audience ${unknownAudiences.join(", ")}; known: ${AUDIENCES.join(", ")} (or --allow-unknown)`,
      });
    }
    if (personScopes) checkKnownPersonScopes(personScopes);
  }
  const { id, secret } = await registry.addClient(options.id, scopes, audiences, personScopes);
  const forPeople = personScopes ? `; for a person: ${formatPersonScopes(personScopes)}` : "";
  output.out(`added client ${id} (scopes ${scopes.join(" ")}; audiences ${audiences.join(" ")}${forPeople})`);
  output.out(`client_secret: ${secret}`);
  output.out("This secret will not be shown again: only its hash is stored. Keep it now.");
}

/** Person scopes as the CLI takes them: `dataservice=users:read,users:write`, audiences by spaces. */
function formatPersonScopes(personScopes: Record<string, string[]>): string {
  return Object.entries(personScopes)
    .map(([audience, scopes]) => `${audience}=${scopes.join(",")}`)
    .join(" ");
}

/** `list-clients`: one line per client, columns aligned; never secrets or hashes. */
export function listClientsCommand(registry: ClientRegistry, output: Output): void {
  const rows = [
    ["ID", "SCOPES", "AUDIENCES", "PERSON SCOPES"],
    ...registry
      .list()
      .map((client) => [
        client.id,
        client.scopes.join(","),
        client.audiences.join(","),
        client.personScopes ? formatPersonScopes(client.personScopes) : "",
      ]),
  ];
  const width = (column: number) => Math.max(...rows.map((row) => row[column].length));
  for (const row of rows) {
    output.out(
      row
        .map((cell, column) => cell.padEnd(width(column)))
        .join("  ")
        .trimEnd(),
    );
  }
}
