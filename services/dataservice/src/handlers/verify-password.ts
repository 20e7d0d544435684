import type { VerifyPasswordHandler } from "@jeeves/generated/handlers/dataservice";
import type { HandlerContext } from "@jeeves/service-kit";
import { userView } from "../domain/user-view.ts";
import { ERR } from "../errors.ts";

/** The user when email and password match; one 401 for a wrong email and a wrong password alike. */
export const verifyPassword: VerifyPasswordHandler<HandlerContext> = async ({ body }, { app }) => {
  const user = await app.store.users.findByEmail(body.email);
  const ok = await app.passwords.verify(body.password, user?.password_hash);
  if (!user || !ok) throw ERR.BAD_CREDENTIALS({ detail: "email or password is wrong" });
  const { password_hash: _hash, ...record } = user;
  return { status: 200, body: userView(record) };
};
