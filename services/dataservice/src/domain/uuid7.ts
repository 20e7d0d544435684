/**
 * UUID version 7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Ids made by one process
 * are strictly increasing (a 12-bit counter in `rand_a` orders ids within one millisecond), so
 * sorting ids as strings gives creation order.
 */
import { randomBytes, randomInt } from "node:crypto";

const UUID7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A UUIDv7 generator with its own monotonic state; `now` (Unix ms) is for tests. */
export type Uuid7Generator = (now?: number) => string;

/** A generator whose ids are each greater than the previous one, even if the clock goes back. */
export function createUuid7Generator(): Uuid7Generator {
  let lastMs = -1;
  let counter = 0;
  return (now = Date.now()) => {
    let ms = Math.max(Math.trunc(now), 0);
    if (ms <= lastMs) {
      ms = lastMs;
      counter += 1;
      if (counter > 0xfff) {
        ms += 1;
        counter = randomInt(0, 0x800);
      }
    } else {
      // Start in the lower half so that many ids fit in one millisecond before the counter overflows.
      counter = randomInt(0, 0x800);
    }
    lastMs = ms;
    const bytes = randomBytes(16);
    bytes.writeUIntBE(ms, 0, 6);
    bytes[6] = 0x70 | (counter >> 8);
    bytes[7] = counter & 0xff;
    bytes[8] = 0x80 | (bytes[8] & 0x3f);
    const hex = bytes.toString("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}

/** A new lower-case UUIDv7, greater than every id this process made before. */
export const uuid7: Uuid7Generator = createUuid7Generator();

/** Whether `value` is a lower-case UUIDv7 string. */
export function isUuid7(value: string): boolean {
  return UUID7_PATTERN.test(value);
}

/** The Unix milliseconds stored in a UUIDv7. */
export function uuid7Time(id: string): number {
  return Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16);
}
