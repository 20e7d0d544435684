import type { DeleteUserHandler } from "@jeeves/generated/handlers/dataservice";
import type { HandlerContext } from "@jeeves/service-kit";
import { ifMatchHolds, userEtag } from "../domain/etag.ts";
import { ERR } from "../errors.ts";
import { loadUser } from "./load-user.ts";
import { withStoreErrors } from "./store-errors.ts";

/** Deletes a user with its settings; If-Match guards against deleting a version the caller did not see. */
export const deleteUser: DeleteUserHandler<HandlerContext> = async ({ params, headers }, { app }) => {
  const current = await loadUser(app.store, params.userId);
  const ifMatch = headers["if-match"];
  if (!ifMatchHolds(ifMatch, userEtag(current)))
    throw ERR.STALE({ detail: "If-Match does not match the current ETag" });
  const deleted = await withStoreErrors(() =>
    app.store.users.delete(params.userId, ifMatch ? current.version : undefined),
  );
  if (!deleted) throw ERR.USER_NOT_FOUND({ detail: `no user ${params.userId}` });
  return { status: 204 };
};
