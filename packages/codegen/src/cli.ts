import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { generate } from "./generate.ts";

const { values } = parseArgs({
  options: { specs: { type: "string", default: "specs" }, out: { type: "string", default: "generated" } },
});
const written = await generate(resolve(values.specs as string), resolve(values.out as string), (line) =>
  console.log(line),
);
console.log(`jeeves-codegen: wrote ${written.length} files`);
