/**
 * The whole Jeeves suite in this process for the browser tests, as `npm start` runs it (services/suite's
 * launchSuite): every service on a free port, the data in a temporary folder, the weather from the
 * in-process OpenWeatherMap mock (demo data), the first admin's password set, and the dashboard serving
 * the page built from web/ into web/dist.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { launchSuite } from "../../../suite/src/launch.ts";
import { portVariable, SERVICES } from "../../../suite/src/layout.ts";

/** The page's sources (web/) and where they are built (web/dist, what the dashboard serves). */
export const WEB_DIR = fileURLToPath(new URL("../../web/", import.meta.url));
export const WEB_DIST = join(WEB_DIR, "dist");

/** The variable that points the dashboard at the built page (its default is web/dist as well). */
export const WEB_DIR_VARIABLE = "DASHBOARD_STATIC_DIR";

/** The first admin the dataservice creates (its `JEEVES_ADMIN_EMAIL`'s default). */
export const ADMIN_EMAIL = "admin@jeeves.local";

/** Builds the page into web/dist (`npm run build:web`), so the tests never see a stale build. */
export async function buildPage(): Promise<void> {
  await build({ root: WEB_DIR, configFile: join(WEB_DIR, "vite.config.ts"), logLevel: "warn" });
}

/** The suite, running, for a browser. */
export interface BrowserSuite {
  /** The dashboard's address. */
  dashboardUrl: string;
  admin: { email: string; password: string };
  close(): Promise<void>;
}

/** Starts the suite (the page must be built: {@link buildPage}); close() stops it and removes its data. */
export async function startSuite(): Promise<BrowserSuite> {
  const dataRoot = await mkdtemp(join(tmpdir(), "jeeves-browser-"));
  const adminPassword = randomBytes(12).toString("base64url");
  try {
    const suite = await launchSuite({
      env: {
        JEEVES_DATA_DIR: `${dataRoot}/`,
        ...Object.fromEntries(SERVICES.map((name) => [portVariable(name), "0"])),
        OPENWEATHER_MOCK_PORT: "0",
        // The first admin's password on this fresh data folder, as a person running `npm start` sets it.
        JEEVES_ADMIN_PASSWORD: adminPassword,
        [WEB_DIR_VARIABLE]: WEB_DIST,
        SLACK_SIGNING_SECRET: randomBytes(16).toString("hex"),
        SCHEDULER_TICK_MS: "60000",
      },
      logger: false,
    });
    const dashboardUrl = suite.layout.urls.dashboard;
    if (!dashboardUrl) throw new Error("the suite has no dashboard (services/dashboard/service.json)");
    return {
      dashboardUrl,
      admin: { email: ADMIN_EMAIL, password: adminPassword },
      async close() {
        await suite.close();
        await rm(dataRoot, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataRoot, { recursive: true, force: true });
    throw error;
  }
}
