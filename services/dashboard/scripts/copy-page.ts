/**
 * The last step of the workspace's `build`: copies the built page (web/dist) into dist/public, beside the
 * bundle (dist/server.js), so that a copy of dist/ alone (the container image) serves it: the bundle's
 * DEFAULT_STATIC_DIR is its own public/ folder when that exists.
 */
import { cpSync, existsSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const page = fileURLToPath(new URL("../web/dist/", import.meta.url));
const target = fileURLToPath(new URL("../dist/public/", import.meta.url));
rmSync(target, { recursive: true, force: true });
if (existsSync(page)) {
  cpSync(page, target, { recursive: true });
  process.stdout.write("dashboard: the page copied into dist/public\n");
} else {
  process.stdout.write("dashboard: no built page (web/dist) to copy into dist/public\n");
}
