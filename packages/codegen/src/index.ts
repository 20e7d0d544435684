export { banner } from "./banner.ts";
export { checkDrift } from "./check.ts";
export { generate, OUTPUT_DIRS } from "./generate.ts";
export { operationIds, renderHandlerBase, renderHandlerTypes } from "./handler-types.ts";
export { readProtoFiles, readSpecFiles, type SpecFile } from "./spec-files.ts";
