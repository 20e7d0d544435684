export { type PrismProcess, startPrism } from "@jeeves/prism";
export { acceptsGzip } from "./accept-encoding.ts";
export { createFront, type FrontOptions, GZIP_MIN_BYTES } from "./front.ts";
export { loadSpec, specPath } from "./load-spec.ts";
export { mediaTypesSpoken } from "./media-types-spoken.ts";
export { relaxRequests } from "./relaxed-spec.ts";
export { type ResolvedSpec, resolveSpec } from "./resolve-spec.ts";
export { type MockOptions, type RunningMock, startMock } from "./start-mock.ts";
