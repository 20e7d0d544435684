import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { renderAsyncapiModule, renderBusRouting } from "./asyncapi-types.ts";
import { renderHandlerBase, renderHandlerTypes } from "./handler-types.ts";
import { renderOpenapiTypes } from "./openapi-types.ts";
import { generateProto } from "./proto.ts";
import { renderSpecModule } from "./spec-module.ts";
import { readAsyncapiFiles, readProtoFiles, readSpecFiles } from "./spec-files.ts";

/** Folders of generated/ that the generator owns: cleared, then written again. */
export const OUTPUT_DIRS = ["openapi", "handlers", "specs", "proto", "bus"] as const;

/**
 * Clears the generated folders of `outDir` and writes them again from `specsDir`.
 * Returns the written files (relative to `outDir`); `progress` gets one line per step.
 */
export async function generate(
  specsDir: string,
  outDir: string,
  progress: (line: string) => void = () => {},
): Promise<string[]> {
  for (const dir of OUTPUT_DIRS) {
    await rm(join(outDir, dir), { recursive: true, force: true });
    await mkdir(join(outDir, dir), { recursive: true });
  }
  const written: string[] = [];
  const write = async (path: string, text: string) => {
    await writeFile(join(outDir, path), text);
    written.push(path);
  };
  const specs = await readSpecFiles(specsDir);
  await write("handlers/types.ts", renderHandlerBase());
  for (const spec of specs) {
    progress(`openapi  ${spec.source}`);
    await write(`openapi/${spec.name}.ts`, await renderOpenapiTypes(spec));
    await write(`specs/${spec.name}.ts`, renderSpecModule(spec));
    if (!spec.source.includes("/external/")) await write(`handlers/${spec.name}.ts`, renderHandlerTypes(spec));
  }
  const asyncapis = await readAsyncapiFiles(specsDir);
  if (asyncapis.length > 0) await write("bus/routing.ts", await renderBusRouting());
  for (const spec of asyncapis) {
    progress(`asyncapi ${spec.source}`);
    if (spec.name === "routing") throw new Error(`${spec.source}: the name "routing" is taken by bus/routing.ts`);
    await write(`bus/${spec.name}.ts`, await renderAsyncapiModule(spec));
  }
  const protos = await readProtoFiles(specsDir);
  progress(`proto    ${protos.length} files`);
  await generateProto(join(specsDir, "proto"), protos, join(outDir, "proto"));
  written.push("proto/jeeves.js", "proto/jeeves.d.ts");
  return written.sort();
}
