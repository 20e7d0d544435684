import { fileURLToPath } from "node:url";
import { bundleService } from "./bundle-service.ts";

// `jeeves-bundle src/server.ts [src/cli.ts …]`, run from a service's folder (its `build` script).
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const entries = process.argv.slice(2);
if (entries.length === 0 || entries.some((entry) => entry.startsWith("-"))) {
  process.stderr.write("usage: jeeves-bundle <entry.ts>… (from a service's folder; writes dist/)\n");
  process.exit(2);
}
const started = performance.now();
try {
  const result = await bundleService({ root: ROOT, serviceDir: process.cwd(), entries });
  const sizes = Object.entries(result.sizes).map(([file, bytes]) => `${file} ${(bytes / 1024).toFixed(0)} KiB`);
  const linked = result.links.length > 0 ? `; linked for the checkout: ${result.links.join(", ")}` : "";
  process.stdout.write(
    `jeeves-bundle: dist/${sizes.join(", dist/")}; ${Object.keys(result.dependencies).length} npm packages in ` +
      `dist/package.json${linked} (${Math.round(performance.now() - started)} ms)\n`,
  );
} catch (error) {
  process.stderr.write(`jeeves-bundle: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
