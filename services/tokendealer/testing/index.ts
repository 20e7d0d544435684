export { startTestTokenDealer, type TestTokenDealer, type TestTokenDealerOptions } from "./test-token-dealer.ts";
