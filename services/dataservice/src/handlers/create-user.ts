import type { CreateUserHandler } from "@jeeves/generated/handlers/dataservice";
import type { HandlerContext } from "@jeeves/service-kit";
import { hashPassword } from "@jeeves/service-kit";
import { adminFieldsOf } from "../domain/admin-fields.ts";
import { userEtag } from "../domain/etag.ts";
import { userView } from "../domain/user-view.ts";
import { requireAdminScope } from "./require-admin-scope.ts";

/** Creates a user; 409 when the email or Slack identity is taken; an admin only with users:admin (403). */
export const createUser: CreateUserHandler<HandlerContext> = async ({ body }, { app, request }) => {
  const adminFields = adminFieldsOf(body, "create");
  if (adminFields.length > 0) requireAdminScope(request, `creating a user with ${adminFields.join(", ")}`);
  const { password, ...fields } = body;
  const password_hash = password === undefined ? undefined : await hashPassword(password);
  const user = await app.store.users.create({ ...fields, password_hash });
  return {
    status: 201,
    body: userView(user),
    headers: { etag: userEtag(user), location: `/users/${user.id}` },
  };
};
