import { hash as digest } from "node:crypto";
import type { UserRecord } from "./store.ts";

/** The strong ETag of a user: its version and a short hash of id, version and update time. */
export function userEtag(user: Pick<UserRecord, "id" | "version" | "updated_at">): string {
  // crypto.hash: one call, no Hash object per request.
  const hash = digest("sha256", `${user.id}:${user.version}:${user.updated_at}`, "base64url");
  return `"${user.version}-${hash.slice(0, 12)}"`;
}
