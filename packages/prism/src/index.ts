export { freePort } from "./free-port.ts";
export { PRISM_BIN, type PrismOptions, type PrismProcess, startPrism } from "./prism-process.ts";
