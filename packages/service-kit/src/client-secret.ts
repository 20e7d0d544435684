import { readFileSync } from "node:fs";
import { ConfigError } from "./config.ts";

/** Where a service's TokenDealer client secret comes from. */
export interface ClientSecretSource {
  /** The variable that holds the secret itself, e.g. `ACTIONS_CLIENT_SECRET` (`<it>_FILE` names the file). */
  variable: string;
  /** Its value, when set. */
  secret?: string;
  /** The file read when it is unset (the TokenDealer's embedded default writes one per client). */
  file: string;
}

/**
 * A service's TokenDealer client secret: the variable when set, else the file's first line, trimmed.
 * Throws a ConfigError that says what to do when there is neither (start the TokenDealer once, or set
 * the variable); the secret is never part of a message.
 */
export function readClientSecret(source: ClientSecretSource): string {
  if (source.secret) return source.secret;
  let secret = "";
  try {
    secret = readFileSync(source.file, "utf8").trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") throw new ConfigError([`${source.variable}_FILE ${source.file} cannot be read (${code})`]);
  }
  if (secret) return secret;
  throw new ConfigError([
    `no client secret: ${source.variable} is unset and ${source.file} is missing or empty. Start the TokenDealer ` +
      "once first (`npm start -w @jeeves/tokendealer`, or `npm start`): it writes the suite's client secrets " +
      `there. Or set ${source.variable} (or ${source.variable}_FILE).`,
  ]);
}
