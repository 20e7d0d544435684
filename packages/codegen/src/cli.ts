import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { checkDrift } from "./check.ts";
import { generate, type Target } from "./generate.ts";

const { values } = parseArgs({
  options: {
    specs: { type: "string", default: "specs" },
    out: { type: "string", default: "generated" },
    check: { type: "boolean", default: false },
    // `generated` (the root generated/) or `client-kit` (packages/client-kit/generated: client factories).
    target: { type: "string", default: "generated" },
  },
});
if (values.target !== "generated" && values.target !== "client-kit") {
  console.error(`jeeves-codegen: --target is generated or client-kit, not ${values.target}`);
  process.exit(2);
}
const target = values.target as Target;
const specs = resolve(values.specs as string);
const out = resolve(values.out as string);
// How the folder is named in messages: generated/ or packages/client-kit/generated/.
const name = target === "client-kit" ? "packages/client-kit/generated/" : "generated/";

if (values.check) {
  const problems = await checkDrift(specs, out, target);
  if (problems.length > 0) {
    console.error(`${name} differs from what the specs produce (run \`npm run generate\` and commit):`);
    for (const line of problems) console.error(`  ${line}`);
    process.exit(1);
  }
  // In CI the committed tree must hold the generated code too: a regenerate that changed it fails.
  if (process.env.CI === "true") {
    const status = execFileSync("git", ["status", "--porcelain", "--", out], { encoding: "utf8" }).trim();
    if (status) {
      console.error(`${name} has changes that are not committed:\n${status}`);
      process.exit(1);
    }
  }
  console.log(`${name} matches the specs`);
} else {
  const written = await generate(specs, out, (line) => console.log(line), target);
  console.log(`jeeves-codegen: wrote ${written.length} files into ${out}`);
}
