import { BadCursorError, ConflictError, StaleError } from "../domain/store.ts";
import { ERR } from "../errors.ts";

/** Runs a store call and turns the store's errors into the dataservice's coded errors. */
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
