import type { UpdateUserHandler } from "@jeeves/generated/handlers/dataservice";
import { type HandlerContext, hashPassword, ifMatchHolds } from "@jeeves/service-kit";
import { adminFieldsOf } from "../domain/admin-fields.ts";
import { userEtag } from "../domain/etag.ts";
import { userView } from "../domain/user-view.ts";
import { ERR } from "../errors.ts";
import { loadUser } from "./load-user.ts";
import { requireAdminScope } from "./require-admin-scope.ts";

/**
 * Changes the given fields; with If-Match the change only happens on the version the caller saw (else
 * 412). `is_admin`, `email` and `password` need users:admin (403 before anything is read or changed).
 */
export const updateUser: UpdateUserHandler<HandlerContext> = async ({ params, headers, body }, { app, request }) => {
  const adminFields = adminFieldsOf(body, "update");
  if (adminFields.length > 0) requireAdminScope(request, `changing ${adminFields.join(", ")}`);
  const current = await loadUser(app.store, params.userId);
  const ifMatch = headers["if-match"];
  if (!ifMatchHolds(ifMatch, userEtag(current)))
    throw ERR.STALE({ detail: "If-Match does not match the current ETag" });
  const { password, ...fields } = body;
  const password_hash = password === undefined ? undefined : await hashPassword(password);
  const updated = await app.store.users.update(
    params.userId,
    { ...fields, password_hash },
    ifMatch ? current.version : undefined,
  );
  if (!updated) throw ERR.USER_NOT_FOUND({ detail: `no user ${params.userId}` });
  return { status: 200, body: userView(updated), headers: { etag: userEtag(updated) } };
};
