import type { KeyStore } from "../adapters/key-store.ts";
import { ERR } from "../errors.ts";
import type { Output } from "./output.ts";

/** `rotate-key`: adds a signing key and prints its kid. */
export async function rotateKeyCommand(keys: KeyStore, alg: string | undefined, output: Output): Promise<void> {
  const kid = await keys.rotate(alg ?? keys.defaultAlg);
  output.out(`new signing key ${kid} (${alg ?? keys.defaultAlg})`);
  output.err(
    "tokendealer: older keys stay published; retire them once the tokens they signed have expired (TOKEN_TTL_SECONDS)",
  );
}

/** `retire-key <kid>`: stops publishing a key; refuses the only signing key. */
export async function retireKeyCommand(keys: KeyStore, kid: string | undefined, output: Output): Promise<void> {
  if (!kid) throw ERR.USAGE({ detail: "retire-key needs the kid of the key to retire (see list-keys)" });
  await keys.retire(kid);
  output.out(`retired key ${kid}; it is no longer published and the tokens it signed are refused`);
}

/** `list-keys`: kid, alg, state and dates of every key; never key material. */
export function listKeysCommand(keys: KeyStore, output: Output): void {
  for (const key of keys.list()) {
    const state = key.retired_at ? `retired ${key.retired_at}` : key.signing ? "signing" : "published";
    output.out(`${key.kid}  ${key.alg}  created ${key.created_at}  ${state}`);
  }
}
