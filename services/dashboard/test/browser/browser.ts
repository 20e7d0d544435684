/**
 * Debian's Chromium driven by playwright-core for the dashboard's browser tests: where it is, whether
 * it is there (the tests skip without it, but fail under CI=true), how it starts (headless, no
 * sandbox as root, nothing that calls out to the network), and screenshots into test-output/.
 */
import { accessSync, constants } from "node:fs";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";

/** The Chromium the tests drive (`CHROMIUM_PATH`, default Debian's package `chromium`). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/** Where the screenshots go (git ignores it). */
export const OUTPUT_DIR = fileURLToPath(new URL("../../test-output/", import.meta.url));

/** Why the browser tests cannot run here, or undefined when Chromium is there. */
export function chromiumMissing(): string | undefined {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
    return undefined;
  } catch {
    return `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`;
  }
}

/**
 * How the browser tests treat a missing Chromium: `skip` is the reason to skip them (also printed as a
 * line), and under CI=true `failure` says why they fail instead, so that CI never passes without them.
 */
export function chromiumCheck(): { skip: string | false; failure?: string } {
  const missing = chromiumMissing();
  if (!missing) return { skip: false };
  if (process.env.CI === "true") return { skip: `not run: ${missing}`, failure: `CI=true, and ${missing}` };
  console.log(`# browser tests skipped: ${missing}`);
  return { skip: missing };
}

/** Starts headless Chromium; throws, naming what is missing, when there is none. */
export async function launchChromium(): Promise<Browser> {
  const missing = chromiumMissing();
  if (missing) throw new Error(`cannot run the browser tests: ${missing}`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    chromiumSandbox: false,
    timeout: 60_000,
    args: [
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

/** Saves a full-page screenshot as test-output/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(OUTPUT_DIR, { recursive: true });
  const path = `${OUTPUT_DIR}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** What went wrong in the page: uncaught errors and Content Security Policy refusals. */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) {
      problems.push(`CSP: ${message.text()}`);
    }
  });
  return problems;
}
