import { createHash } from "node:crypto";
import type { UserRecord } from "./store.ts";

/** The strong ETag of a user: its version and a short hash of id, version and update time. */
export function userEtag(user: Pick<UserRecord, "id" | "version" | "updated_at">): string {
  const hash = createHash("sha256").update(`${user.id}:${user.version}:${user.updated_at}`).digest("base64url");
  return `"${user.version}-${hash.slice(0, 12)}"`;
}
