import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { renderAsyncapiModule, renderBusRouting } from "./asyncapi-types.ts";
import { renderClientFactory } from "./client-factory.ts";
import { renderHandlerBase, renderHandlerTypes } from "./handler-types.ts";
import { renderOpenapiTypes } from "./openapi-types.ts";
import { generateProto } from "./proto.ts";
import { readAsyncapiFiles, readProtoFiles, readSpecFiles } from "./spec-files.ts";
import { renderSpecModule } from "./spec-module.ts";

/** Folders of generated/ that the generator owns: cleared, then written again. */
export const OUTPUT_DIRS = ["openapi", "handlers", "specs", "proto", "bus"] as const;

/** Folders of @jeeves/client-kit's `generated/` that the generator owns (target `client-kit`). */
export const CLIENT_KIT_OUTPUT_DIRS = ["clients"] as const;

/**
 * What a run writes: `generated` is the root generated/ (@jeeves/generated: types, spec modules,
 * handler tables, protobuf code, bus types); `client-kit` is packages/client-kit/generated/, one typed
 * client factory per spec (`@jeeves/client-kit/clients/<name>`). The factories call the client kit,
 * which itself imports @jeeves/generated, so they cannot live in generated/ without a dependency cycle.
 */
export type Target = "generated" | "client-kit";

/** The folders a target owns. */
export function outputDirs(target: Target): readonly string[] {
  return target === "client-kit" ? CLIENT_KIT_OUTPUT_DIRS : OUTPUT_DIRS;
}

/**
 * Clears the generated folders of `outDir` and writes them again from `specsDir`, for `target` (default
 * the root generated/). Returns the written files (relative to `outDir`); `progress` gets one line per step.
 */
export async function generate(
  specsDir: string,
  outDir: string,
  progress: (line: string) => void = () => {},
  target: Target = "generated",
): Promise<string[]> {
  for (const dir of outputDirs(target)) {
    await rm(join(outDir, dir), { recursive: true, force: true });
    await mkdir(join(outDir, dir), { recursive: true });
  }
  const written: string[] = [];
  const write = async (path: string, text: string) => {
    await writeFile(join(outDir, path), text);
    written.push(path);
  };
  const specs = await readSpecFiles(specsDir);
  if (target === "client-kit") {
    for (const spec of specs) {
      progress(`client   ${spec.source}`);
      await write(`clients/${spec.name}.ts`, renderClientFactory(spec));
    }
    return written.sort();
  }
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
