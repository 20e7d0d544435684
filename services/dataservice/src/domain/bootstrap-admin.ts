import { randomBytes } from "node:crypto";
import { hashPassword } from "@jeeves/service-kit";
import type { Store } from "./store.ts";

/** What the first start did about the admin user. */
export interface AdminBootstrap {
  email: string;
  /** The password, only when it was generated here (to be shown once). */
  generatedPassword?: string;
}

/**
 * On the first start (no users at all) creates an admin user with the given email and password, or a
 * generated password that the caller shows once. Later starts do nothing and return undefined.
 */
export async function bootstrapAdmin(
  store: Store,
  options: { email: string; password?: string },
): Promise<AdminBootstrap | undefined> {
  if ((await store.users.count()) > 0) return undefined;
  const generatedPassword = options.password ? undefined : randomBytes(12).toString("base64url");
  const password = options.password ?? (generatedPassword as string);
  await store.users.create({
    email: options.email,
    display_name: "Administrator",
    password_hash: await hashPassword(password),
    is_admin: true,
  });
  return { email: options.email, generatedPassword };
}
