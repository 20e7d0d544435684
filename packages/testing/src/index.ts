export { countingHasher, type Hasher } from "./counting-hasher.ts";
export { postgresReachable, TEST_POSTGRES_URL } from "./postgres.ts";
export { type AnyResponse, assertRateLimited } from "./rate-limited.ts";
export {
  deleteRedisKeys,
  redisReachable,
  redisTestPrefix,
  requireRedis,
  type ScanningRedis,
  type SkippableTest,
  TEST_REDIS_URL,
} from "./redis.ts";
export {
  assertBusUrlStartupFailure,
  assertRedisUrlStartupFailure,
  assertStartupFailure,
  type EntryPointRun,
  hasStackLine,
  occupyPort,
  runEntryPoint,
} from "./startup-failure.ts";
export { startTcpProxy, type TcpProxy } from "./tcp-proxy.ts";
