/** The scope that, beside `users:write`, lets a caller make admins and take over accounts. */
export const ADMIN_SCOPE = "users:admin";

/**
 * The fields of a user change that need `users:admin` (specs/openapi/dataservice.yaml): on create,
 * `is_admin: true`; on update, `is_admin`, `email` or `password` with any value. Answers them in that
 * order, empty when `users:write` is enough.
 */
export function adminFieldsOf(
  change: { is_admin?: boolean; email?: string; password?: string },
  kind: "create" | "update",
): string[] {
  if (kind === "create") return change.is_admin === true ? ["is_admin"] : [];
  return (["is_admin", "email", "password"] as const).filter((field) => change[field] !== undefined);
}
