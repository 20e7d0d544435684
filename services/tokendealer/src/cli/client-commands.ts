import type { ClientRegistry } from "../adapters/client-registry.ts";
import { AUDIENCES, SCOPES } from "../domain/suite-names.ts";
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
 * `add-client`: registers a client and prints its secret once. Scopes and audiences must be the suite's
 * names (docs/architecture.md) unless `allowUnknown`, so a typo does not make a useless client.
 */
export async function addClientCommand(
  registry: ClientRegistry,
  options: { id?: string; scopes?: string; audiences?: string; allowUnknown?: boolean },
  output: Output,
): Promise<void> {
  if (!options.id) throw ERR.INVALID_CLIENT_DEFINITION({ detail: "--id is required" });
  const scopes = splitList(options.scopes);
  const audiences = splitList(options.audiences);
  if (scopes.length === 0)
    throw ERR.INVALID_CLIENT_DEFINITION({ detail: "--scopes is required, e.g. users:read,chat:write" });
  if (audiences.length === 0)
    throw ERR.INVALID_CLIENT_DEFINITION({ detail: "--audiences is required, e.g. dataservice" });
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
  }
  const { id, secret } = await registry.addClient(options.id, scopes, audiences);
  output.out(`added client ${id} (scopes ${scopes.join(" ")}; audiences ${audiences.join(" ")})`);
  output.out(`client_secret: ${secret}`);
  output.out("This secret will not be shown again: only its hash is stored. Keep it now.");
}

/** `list-clients`: one line per client, columns aligned; never secrets or hashes. */
export function listClientsCommand(registry: ClientRegistry, output: Output): void {
  const rows = [
    ["ID", "SCOPES", "AUDIENCES"],
    ...registry.list().map((client) => [client.id, client.scopes.join(","), client.audiences.join(",")]),
  ];
  const width = (column: number) => Math.max(...rows.map((row) => row[column].length));
  for (const row of rows) output.out(`${row[0].padEnd(width(0))}  ${row[1].padEnd(width(1))}  ${row[2]}`.trimEnd());
}
