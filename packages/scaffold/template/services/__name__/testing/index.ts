export {
  buildTest__Name__,
  type Test__Name__,
  type Test__Name__Options,
  type TrustedDealer,
} from "./test-__name__.ts";
