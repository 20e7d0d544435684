/**
 * `npm run breaking` (`tsx src/breaking/cli.ts`): the breaking-change gate on every document of DOCUMENTS
 * and on specs/proto, against the released specs in specs/released. Prints every change under its
 * document and spec file (each names the path and field it touches), and exits 1 on
 * a breaking change that is not allowed (major of `info.version` raised above the released one and a
 * CHANGELOG.md line naming the document and its new version).
 */
import { DOCUMENTS } from "../registry.ts";
import { checkBreaking } from "./check-breaking.ts";

const started = Date.now();
const findings = await checkBreaking({ onProgress: (line) => console.log(line) });
const documents = [...new Set(findings.map((f) => f.document))];
for (const document of documents) {
  const own = findings.filter((f) => f.document === document);
  const spec = DOCUMENTS.find((d) => d.name === document)?.path;
  console.log(`\n${document}${spec ? ` (${spec})` : ""}:`);
  for (const finding of own) {
    const mark = finding.allowed ? (finding.type === "breaking" ? "BREAKING (allowed)" : finding.type) : "BREAKING";
    console.log(`  ${mark.padEnd(18)} ${finding.change}`);
  }
  const verdict = own.find((f) => f.verdict)?.verdict;
  if (verdict) console.log(`  → ${verdict}`);
}
const refused = findings.filter((f) => !f.allowed);
console.log(
  `\nbreaking: ${findings.length} change(s), ${findings.filter((f) => f.type === "breaking").length} breaking, ` +
    `${refused.length} not allowed, in ${Date.now() - started} ms: ${refused.length > 0 ? "FAILED" : "ok"}`,
);
process.exitCode = refused.length > 0 ? 1 : 0;
