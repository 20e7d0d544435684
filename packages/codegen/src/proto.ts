import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { banner } from "./banner.ts";

const require = createRequire(import.meta.url);
const cli = require("protobufjs-cli") as {
  pbjs: { main(args: string[], cb: (err: Error | null, out?: string) => void): void };
  pbts: { main(args: string[], cb: (err: Error | null, out?: string) => void): void };
};

function run(tool: "pbjs" | "pbts", args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    cli[tool].main(args, (err) => (err ? reject(err) : resolve()));
  });
}

/**
 * Writes `proto/jeeves.js` (a protobufjs static ES module, snake_case field names kept) and its
 * `proto/jeeves.d.ts` from every .proto file below specs/proto.
 */
export async function generateProto(protoRoot: string, files: string[], outDir: string): Promise<void> {
  const js = join(outDir, "jeeves.js");
  const dts = join(outDir, "jeeves.d.ts");
  await run("pbjs", [
    "-t",
    "static-module",
    "-w",
    "es6",
    "--keep-case",
    "--force-number",
    "--no-verify",
    "--no-delimited",
    "--no-beautify",
    "--no-service",
    "-p",
    protoRoot,
    "-o",
    js,
    ...files.map((f) => join(protoRoot, f)),
  ]);
  await run("pbts", ["--no-comments", "-o", dts, js]);
  const source = `specs/proto (${files.join(", ")})`;
  for (const file of [js, dts]) {
    let text = await readFile(file, "utf8");
    text = text.replace(/^\/\*eslint-disable[^\n]*\n/, "");
    // pbjs writes a bare "protobufjs/minimal" import; Node's ESM resolution needs the extension.
    text = text.replace(/from "protobufjs\/minimal"/g, 'from "protobufjs/minimal.js"');
    await writeFile(file, banner(source) + text);
  }
}
