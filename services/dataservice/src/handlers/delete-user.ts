import type { DeleteUserHandler } from "@jeeves/generated/handlers/dataservice";
import { type HandlerContext, ifMatchHolds } from "@jeeves/service-kit";
import { userEtag } from "../domain/etag.ts";
import { ERR } from "../errors.ts";
import { loadUser } from "./load-user.ts";
import { requireAdminScope } from "./require-admin-scope.ts";

/**
 * Deletes a user with its settings; If-Match guards against deleting a version the caller did not see.
 * Deleting an admin needs users:admin (403).
 */
export const deleteUser: DeleteUserHandler<HandlerContext> = async ({ params, headers }, { app, request }) => {
  const current = await loadUser(app.store, params.userId);
  if (current.is_admin) requireAdminScope(request, "deleting an admin");
  const ifMatch = headers["if-match"];
  if (!ifMatchHolds(ifMatch, userEtag(current)))
    throw ERR.STALE({ detail: "If-Match does not match the current ETag" });
  const deleted = await app.store.users.delete(params.userId, ifMatch ? current.version : undefined);
  if (!deleted) throw ERR.USER_NOT_FOUND({ detail: `no user ${params.userId}` });
  return { status: 204 };
};
