/**
 * `npm run release:specs` (`tsx src/breaking/release-cli.ts`): runs the breaking-change gate and, when
 * it passes, writes a snapshot under specs/released of every document whose `info.version` has none
 * yet (and the proto tree beside them). Exits 1 without writing anything when the gate fails.
 */
import { DOCUMENTS, ROOT } from "../registry.ts";
import { checkBreaking, PROTO_ROOT } from "./check-breaking.ts";
import { releaseSpecs } from "./released.ts";

const refused = (await checkBreaking()).filter((f) => !f.allowed);
if (refused.length > 0) {
  console.error("release:specs: the breaking-change gate fails (npm run breaking shows why); nothing released:");
  for (const finding of refused) console.error(`  ${finding.document}: ${finding.change}`);
  process.exitCode = 1;
} else {
  const written = await releaseSpecs(ROOT, DOCUMENTS, PROTO_ROOT);
  for (const path of written) console.log(`released: ${path}`);
  console.log(written.length > 0 ? `release:specs: ${written.length} file(s) written` : "release:specs: nothing new");
}
