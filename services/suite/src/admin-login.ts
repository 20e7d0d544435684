import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** The email of the first admin unless `JEEVES_ADMIN_EMAIL` names another. */
export const DEFAULT_ADMIN_EMAIL = "admin@jeeves.local";

/** How the first admin logs in, as the summary tells it (never the password itself). */
export interface AdminLogin {
  email: string;
  /**
   * Where the password is: `JEEVES_ADMIN_PASSWORD` (the person chose it), a file in the suite's secrets
   * folder (generated on a fresh data folder), or neither (the admin was made by an earlier start).
   */
  password: { from: "variable" } | { from: "file"; file: string } | { from: "earlier-start" };
}

/** The admin password file: `<data>/secrets/admin-password`. */
export function adminPasswordFile(dataRoot: string): string {
  return join(dataRoot, "secrets", "admin-password");
}

/**
 * How the first admin logs in, and what the dataservice is given for it (it creates the admin at start
 * when no user has the email): `JEEVES_ADMIN_PASSWORD` when set; else the password file, passed as
 * `JEEVES_ADMIN_PASSWORD_FILE`, which is generated (24 random bytes, base64url, mode 600) on a fresh data
 * folder (no `<data>/dataservice` yet). A data folder from an earlier start without the file keeps the
 * admin it has.
 */
export async function prepareAdminLogin(
  dataRoot: string,
  env: Record<string, string | undefined>,
): Promise<{ login: AdminLogin; dataserviceEnv: Record<string, string> }> {
  const email = env.JEEVES_ADMIN_EMAIL || DEFAULT_ADMIN_EMAIL;
  const emails = { JEEVES_ADMIN_EMAIL: email };
  if (env.JEEVES_ADMIN_PASSWORD) {
    return {
      login: { email, password: { from: "variable" } },
      dataserviceEnv: { ...emails, JEEVES_ADMIN_PASSWORD: env.JEEVES_ADMIN_PASSWORD },
    };
  }
  const file = adminPasswordFile(dataRoot);
  if (!existsSync(file)) {
    if (existsSync(join(dataRoot, "dataservice")))
      return { login: { email, password: { from: "earlier-start" } }, dataserviceEnv: emails };
    await mkdir(join(dataRoot, "secrets"), { recursive: true, mode: 0o700 });
    await writeFile(file, `${randomBytes(24).toString("base64url")}\n`, { mode: 0o600, flag: "wx" }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== "EEXIST") throw error;
      },
    );
  }
  return {
    login: { email, password: { from: "file", file } },
    dataserviceEnv: { ...emails, JEEVES_ADMIN_PASSWORD_FILE: file },
  };
}

/**
 * Keeps a password the dataservice generated itself (given no password, on a data folder that had
 * none) in the password file, so that it is not lost: the suite never prints it.
 */
export async function keepGeneratedPassword(
  dataRoot: string,
  generated: string | undefined,
): Promise<AdminLogin["password"] | undefined> {
  if (!generated) return undefined;
  const file = adminPasswordFile(dataRoot);
  await mkdir(join(dataRoot, "secrets"), { recursive: true, mode: 0o700 });
  await writeFile(file, `${generated}\n`, { mode: 0o600 });
  return { from: "file", file };
}
