export { type AsyncapiModel, type ChannelModel, readChannels } from "./asyncapi-channels.ts";
export { renderAsyncapiModule, renderBusRouting } from "./asyncapi-types.ts";
export { banner } from "./banner.ts";
export { checkDrift } from "./check.ts";
export { generate, OUTPUT_DIRS } from "./generate.ts";
export { operationIds, renderHandlerBase, renderHandlerTypes } from "./handler-types.ts";
export { readAsyncapiFiles, readProtoFiles, readSpecFiles, type SpecFile } from "./spec-files.ts";
