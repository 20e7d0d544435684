export { type AsyncapiModel, type ChannelModel, readChannels } from "./asyncapi-channels.ts";
export { renderAsyncapiModule, renderBusRouting } from "./asyncapi-types.ts";
export { banner } from "./banner.ts";
export { checkDrift } from "./check.ts";
export { clientFactoryName, pascalName, renderClientFactory } from "./client-factory.ts";
export { CLIENT_KIT_OUTPUT_DIRS, generate, OUTPUT_DIRS, outputDirs, type Target } from "./generate.ts";
export { operationIds, renderHandlerBase, renderHandlerTypes } from "./handler-types.ts";
export { readAsyncapiFiles, readProtoFiles, readSpecFiles, type SpecFile } from "./spec-files.ts";
