/**
 * `npm run build:web -w @jeeves/dashboard` (and the workspace's `build`): builds the page with
 * `vite build web` into web/dist; says so and does nothing while there is no Vite project in web/.
 */
import { buildPage, pageBuildState, WEB_DIR } from "../src/page-build.ts";

if (pageBuildState(WEB_DIR) === "no-sources") {
  process.stdout.write(`dashboard: no page to build (${WEB_DIR} has no index.html)\n`);
} else {
  try {
    await buildPage(WEB_DIR, "inherit");
  } catch (error) {
    process.stderr.write(`dashboard: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
