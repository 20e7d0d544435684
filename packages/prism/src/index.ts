export { freePort } from "./free-port.ts";
export { PRISM_BIN, type PrismProcess, startPrism } from "./prism-process.ts";
