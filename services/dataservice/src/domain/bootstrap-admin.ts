import { randomBytes } from "node:crypto";
import { hashPassword } from "@jeeves/service-kit";
import { ConflictError, type Store } from "./store.ts";

/** What a start did about the admin user: created it (with this email). */
export interface AdminBootstrap {
  email: string;
  /** The password, only when it was generated here (to be shown once). */
  generatedPassword?: string;
}

/**
 * Makes sure there is an admin to log in with. With a configured password (`JEEVES_ADMIN_PASSWORD` or
 * its file): at every start, when no user has `email`, creates that user as an admin with that password.
 * Without one: only on the very first start (no users at all), with a generated password the caller
 * shows once. It never changes an existing user. Replicas starting together are safe: the unique email
 * lets one insert through, and the others find it taken and do nothing. Answers what it created, or
 * undefined when it created nothing.
 */
export async function bootstrapAdmin(
  store: Store,
  options: { email: string; password?: string },
): Promise<AdminBootstrap | undefined> {
  if (options.password !== undefined) {
    if (await store.users.findByEmail(options.email)) return undefined;
    return createAdmin(store, options.email, options.password);
  }
  if ((await store.users.count()) > 0) return undefined;
  return createAdmin(store, options.email, randomBytes(12).toString("base64url"), true);
}

/** Creates the admin user (one insert); undefined when another start took the email first. */
async function createAdmin(
  store: Store,
  email: string,
  password: string,
  generated = false,
): Promise<AdminBootstrap | undefined> {
  try {
    await store.users.create({
      email,
      display_name: "Administrator",
      password_hash: await hashPassword(password),
      is_admin: true,
    });
  } catch (error) {
    if (error instanceof ConflictError && error.field === "email") return undefined;
    throw error;
  }
  return generated ? { email, generatedPassword: password } : { email };
}
