export { buildTestDataservice, type TrustedDealer } from "./test-dataservice.ts";
