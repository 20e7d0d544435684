import { existsSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { serviceClients } from "@jeeves/manifest";
import { StartupError } from "@jeeves/service-kit";

/**
 * Waits (at most `timeoutMs`) until the TokenDealer has written the secret of every service's client
 * (`<data>/tokendealer/secrets/<client>.secret`, written on its first start), which the other services
 * read at their start.
 */
export async function waitClientSecrets(dataRoot: string, timeoutMs = 60_000): Promise<void> {
  const files = serviceClients().map((client) => join(dataRoot, "tokendealer", "secrets", `${client.id}.secret`));
  const deadline = Date.now() + timeoutMs;
  while (!files.every((file) => existsSync(file))) {
    if (Date.now() > deadline) {
      throw new StartupError(
        "JEEVES_DATA_DIR",
        `the TokenDealer wrote no client secrets in ${join(dataRoot, "tokendealer")}`,
      );
    }
    await sleep(100);
  }
}
