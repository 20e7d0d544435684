import { buildPage, pageBuildState, WEB_DIR } from "@jeeves/dashboard";

/**
 * Before `npm start` serves the dashboard: builds its page (`vite build services/dashboard/web`) when it
 * was never built or its sources changed since, with a line before and after on `write`. A failed build
 * is said and the start goes on (the dashboard answers 503 at `/` until the page is built). Nothing when
 * `DASHBOARD_STATIC_DIR` names a page of the person's own, or there is no Vite project.
 */
export async function ensureDashboardPage(
  env: Record<string, string | undefined>,
  write: (line: string) => void,
  webDir: string = WEB_DIR,
  build: (webDir: string) => Promise<void> = buildPage,
): Promise<"built" | "fresh" | "skipped" | "failed"> {
  if (env.DASHBOARD_STATIC_DIR) return "skipped";
  const state = pageBuildState(webDir);
  if (state === "no-sources") return "skipped";
  if (state === "fresh") return "fresh";
  const why = state === "missing" ? "not built yet" : "its sources changed";
  write(`jeeves: building the dashboard's page (${why}): vite build ${webDir} …\n`);
  const started = Date.now();
  try {
    await build(webDir);
  } catch (error) {
    write(
      `jeeves: the dashboard's page could not be built (${(error as Error).message}); / answers 503 until ` +
        "`npm run build -w @jeeves/dashboard` succeeds\n",
    );
    return "failed";
  }
  write(`jeeves: the dashboard's page is built (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  return "built";
}
