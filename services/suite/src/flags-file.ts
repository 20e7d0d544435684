import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_FLAGS } from "@jeeves/service-kit";
import type { SuiteLayout } from "./layout.ts";

/** The feature flags file of the suite: FLAGS_FILE, default `<data>/flags.json` (docs/feature-flags.md). */
export function flagsFile(layout: SuiteLayout, env: Record<string, string | undefined>): string {
  return env.FLAGS_FILE || join(layout.dataRoot, "flags.json");
}

/** Writes the default flags to `file` unless it exists (an operator's edits are never overwritten). */
export async function writeDefaultFlags(file: string): Promise<void> {
  await writeFile(file, `${JSON.stringify(DEFAULT_FLAGS, null, 2)}\n`, { flag: "wx" }).catch((error) => {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  });
}
