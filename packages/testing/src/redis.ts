import { randomUUID } from "node:crypto";
import { createConnection } from "node:net";

/** Where the tests look for Redis (the one this machine kind runs). */
export const TEST_REDIS_URL = "redis://127.0.0.1:6379";

const checked = new Map<string, Promise<boolean>>();

/** Whether something answers PING at `url` (checked once per URL, 10 s at most). */
export function redisReachable(url = TEST_REDIS_URL): Promise<boolean> {
  let answer = checked.get(url);
  if (!answer) {
    answer = new Promise((resolve) => {
      const { hostname, port } = new URL(url);
      const socket = createConnection({ host: hostname, port: Number(port || 6379) });
      socket.setTimeout(10_000, () => socket.destroy());
      socket.once("connect", () => socket.write("PING\r\n"));
      socket.once("data", (data) => {
        resolve(data.toString().startsWith("+PONG"));
        socket.destroy();
      });
      socket.once("error", () => resolve(false));
      socket.once("close", () => resolve(false));
    });
    checked.set(url, answer);
  }
  return answer;
}

/** The part of node:test's context that {@link requireRedis} uses. */
export interface SkippableTest {
  skip(message?: string): void;
}

/**
 * For a test that needs Redis: true when it answers. Otherwise the test fails under `CI=true` (CI must
 * run it) and is skipped elsewhere with a line saying what was missing; the caller returns at once.
 */
export async function requireRedis(t: SkippableTest, url = TEST_REDIS_URL): Promise<boolean> {
  if (await redisReachable(url)) return true;
  const where = new URL(url).host;
  if (process.env.CI === "true") throw new Error(`Redis not reachable at ${where} (CI=true: this test must run)`);
  t.skip(`Redis not reachable at ${where}: skipped`);
  return false;
}

/** A Redis key prefix of its own for one test run (`jeeves-test:<name>:<random>:`): tests never see each other's keys. */
export function redisTestPrefix(name: string): string {
  return `jeeves-test:${name}:${randomUUID().slice(0, 8)}:`;
}

/** The part of an ioredis client {@link deleteRedisKeys} uses. */
export interface ScanningRedis {
  scan(cursor: string, match: "MATCH", pattern: string, count: "COUNT", n: number): Promise<[string, string[]]>;
  del(...keys: string[]): Promise<number>;
}

/** Deletes every key under `prefix` (a test's, see {@link redisTestPrefix}); resolves to how many there were. */
export async function deleteRedisKeys(redis: ScanningRedis, prefix: string): Promise<number> {
  if (!/^[\w:.-]+$/.test(prefix)) throw new Error("deleteRedisKeys: the prefix must not hold glob characters");
  let cursor = "0";
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
    if (keys.length > 0) deleted += await redis.del(...keys);
    cursor = next;
  } while (cursor !== "0");
  return deleted;
}
