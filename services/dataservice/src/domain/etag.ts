import { createHash } from "node:crypto";
import type { UserRecord } from "./store.ts";

/** The strong ETag of a user: its version and a short hash of id, version and update time. */
export function userEtag(user: Pick<UserRecord, "id" | "version" | "updated_at">): string {
  const hash = createHash("sha256").update(`${user.id}:${user.version}:${user.updated_at}`).digest("base64url");
  return `"${user.version}-${hash.slice(0, 12)}"`;
}

function tags(header: string): string[] {
  return header
    .split(",")
    .map((tag) => tag.trim())
    .filter(Boolean);
}

/** If-None-Match (RFC 9110 §13.1.2, weak comparison): true when the client's copy is current. */
export function noneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return tags(header).some((tag) => tag === "*" || tag.replace(/^W\//, "") === etag);
}

/** If-Match (RFC 9110 §13.1.1, strong comparison): true when the precondition holds. */
export function ifMatchHolds(header: string | undefined, etag: string): boolean {
  if (!header) return true;
  return tags(header).some((tag) => tag === "*" || tag === etag);
}
