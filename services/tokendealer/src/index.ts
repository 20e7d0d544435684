export { type AppOptions, buildApp } from "./app.ts";
export type { SigningAlg } from "./domain/signing-alg.ts";
export { startTestTokenDealer, type TestTokenDealer, type TestTokenDealerOptions } from "./testing.ts";
