/**
 * Keyset pagination of the Kysely stores: a page is read as `limit + 1` rows after the cursor's key, and
 * a cursor is the base64url of the last item's key.
 */
import { BadCursorError, type Page } from "../../domain/store.ts";

const encodeCursor = (key: string): string => Buffer.from(key, "utf8").toString("base64url");

/** The key a cursor stands for; BadCursorError unless it is canonical base64url of a plausible key. */
export function decodeCursor(cursor: string, plausible: (key: string) => boolean): string {
  const key = Buffer.from(cursor, "base64url").toString("utf8");
  if (!cursor || encodeCursor(key) !== cursor || !plausible(key)) throw new BadCursorError();
  return key;
}

/** One page from `limit + 1` rows, each mapped with `map`; `next_cursor` names the last item's key. */
export function toPage<R, T>(rows: R[], limit: number, keyOf: (row: R) => string, map: (row: R) => T): Page<T> {
  const items = rows.slice(0, limit);
  const page: Page<T> = { items: items.map(map) };
  if (rows.length > limit) page.next_cursor = encodeCursor(keyOf(items[items.length - 1]));
  return page;
}

/** A requested page size as a whole number of at least 1. */
export const pageSize = (limit: number): number => Math.max(1, Math.trunc(limit) || 1);
