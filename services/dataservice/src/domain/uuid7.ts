/**
 * The ids of users and alert subscriptions: UUID version 7 (RFC 9562) from the `uuid` package, whose
 * 48-bit Unix milliseconds come first and whose ids made by one process are strictly increasing, so
 * sorting ids as strings gives creation order (the order of pages and cursors).
 */
import { v7, validate, version } from "uuid";

/** A new lower-case UUIDv7, greater than every id this process made before (`uuid`'s `v7`). */
export const uuid7 = (): string => v7();

/** Whether `value` is a lower-case UUIDv7 string, as {@link uuid7} makes them (a cursor's key must be one). */
export function isUuid7(value: string): boolean {
  return value === value.toLowerCase() && validate(value) && version(value) === 7;
}
