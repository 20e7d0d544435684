import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/** Where the key comes from, in order: the variable, the named file, the data folder's key file. */
export interface KeySource {
  key?: Buffer;
  keyFile?: string;
  dataDir: string;
}

/**
 * The 32-byte key that encrypts bot tokens at rest. When none is configured, the embedded default keeps
 * one in `<dataDir>/dataservice.key` (created on first start, mode 600).
 */
export async function loadEncryptionKey(source: KeySource): Promise<{ key: Buffer; created: boolean }> {
  if (source.key) return { key: source.key, created: false };
  const file = source.keyFile ?? join(source.dataDir, "dataservice.key");
  try {
    const key = Buffer.from((await readFile(file, "utf8")).trim(), "base64");
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
    return { key, created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT" || source.keyFile) throw error;
  }
  const key = randomBytes(32);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  return { key, created: true };
}
