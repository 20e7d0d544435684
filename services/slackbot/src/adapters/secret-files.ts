import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { ConfigError, readClientSecret as readSecret } from "@jeeves/service-kit";

/** Where the signing secret came from: the environment, its file, or a file created just now. */
export type SigningSecretSource = "env" | "file" | "created";

async function readSecretFile(file: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new ConfigError([`cannot read ${file}: ${(error as Error).message}`]);
  }
  const secret = text.trim();
  if (secret.length === 0) throw new ConfigError([`${file} is empty`]);
  return secret;
}

/**
 * The Slack signing secret: `SLACK_SIGNING_SECRET` when set; otherwise the embedded default's file,
 * created with 32 random bytes (hex, mode 600) on the first start. A created secret lets the suite sign
 * its own test requests; real Slack requests only verify once `SLACK_SIGNING_SECRET` is the app's secret.
 */
export async function loadSigningSecret(options: {
  secret?: string;
  file: string;
}): Promise<{ secret: string; source: SigningSecretSource; file?: string }> {
  if (options.secret) return { secret: options.secret, source: "env" };
  const existing = await readSecretFile(options.file);
  if (existing) return { secret: existing, source: "file", file: options.file };
  const secret = randomBytes(32).toString("hex");
  await mkdir(dirname(options.file), { recursive: true, mode: 0o700 });
  // "wx": never overwrite a file another process created meanwhile.
  try {
    await writeFile(options.file, `${secret}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return { secret: (await readSecretFile(options.file))!, source: "file", file: options.file };
  }
  return { secret, source: "created", file: options.file };
}

/**
 * The slackbot's client secret for the TokenDealer: `SLACKBOT_CLIENT_SECRET` when set, else the file
 * the TokenDealer's embedded default writes. Throws ConfigError, saying what to do, when neither exists.
 */
export async function readClientSecret(options: { secret?: string; file: string }): Promise<string> {
  return readSecret({ variable: "SLACKBOT_CLIENT_SECRET", ...options });
}
