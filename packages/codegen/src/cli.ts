import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { checkDrift } from "./check.ts";
import { generate } from "./generate.ts";

const { values } = parseArgs({
  options: {
    specs: { type: "string", default: "specs" },
    out: { type: "string", default: "generated" },
    check: { type: "boolean", default: false },
  },
});
const specs = resolve(values.specs as string);
const out = resolve(values.out as string);

if (values.check) {
  const problems = await checkDrift(specs, out);
  if (problems.length > 0) {
    console.error("generated/ differs from what the specs produce (run `npm run generate` and commit):");
    for (const line of problems) console.error(`  ${line}`);
    process.exit(1);
  }
  // In CI the committed tree must hold the generated code too: a regenerate that changed it fails.
  if (process.env.CI === "true") {
    const status = execFileSync("git", ["status", "--porcelain", "--", out], { encoding: "utf8" }).trim();
    if (status) {
      console.error(`generated/ has changes that are not committed:\n${status}`);
      process.exit(1);
    }
  }
  console.log("generated/ matches the specs");
} else {
  const written = await generate(specs, out, (line) => console.log(line));
  console.log(`jeeves-codegen: wrote ${written.length} files into ${out}`);
}
