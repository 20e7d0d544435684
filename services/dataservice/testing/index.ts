export { simulateDatabaseDown } from "./store-outage.ts";
export { buildTestDataservice, type TrustedDealer } from "./test-dataservice.ts";
