import { BadCursorError, ConflictError, StaleError, StoreUnavailableError } from "../domain/store.ts";
import { ERR } from "../errors.ts";

/** `Retry-After` of a 503 while the database cannot be reached, in seconds. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** 503 `DATASERVICE_ERR_DATABASE_DOWN` with `Retry-After`; `cause` (the driver's error) is logged, never sent. */
export function databaseDown(cause: unknown) {
  return ERR.DATABASE_DOWN({
    detail: "the database cannot be reached",
    cause,
    headers: { "retry-after": String(DATABASE_RETRY_AFTER_SECONDS) },
  });
}

/**
 * Runs a store call (every handler runs through it: see handlers/index.ts) and turns the store's errors
 * into the dataservice's coded errors: the one place they are mapped.
 */
export async function withStoreErrors<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ConflictError) {
      throw error.field === "email"
        ? ERR.DUPLICATE_EMAIL({
            detail: "another user has this email",
            errors: [{ field: "/body/email", message: "is already in use" }],
          })
        : ERR.DUPLICATE_SLACK_IDENTITY({ detail: "another user has this Slack identity" });
    }
    if (error instanceof StoreUnavailableError) throw databaseDown(error);
    if (error instanceof StaleError) throw ERR.STALE({ detail: "If-Match does not match the current ETag" });
    if (error instanceof BadCursorError) {
      throw ERR.BAD_CURSOR({
        detail: "cursor is not valid",
        errors: [{ field: "/querystring/cursor", message: "is not a cursor this service gave" }],
      });
    }
    throw error;
  }
}
