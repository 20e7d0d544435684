/** The entity tags of an `If-None-Match` or `If-Match` header (`"a", W/"b"`), or `*`. */
function tags(header: string): string[] {
  return header
    .split(",")
    .map((tag) => tag.trim())
    .filter(Boolean);
}

/**
 * If-None-Match (RFC 9110 §13.1.2, weak comparison): true when the client's copy is current, so a GET
 * answers 304. No header (or an empty one) never hits.
 */
export function noneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return tags(header).some((tag) => tag === "*" || tag.replace(/^W\//, "") === etag);
}

/**
 * If-Match (RFC 9110 §13.1.1, strong comparison): true when the precondition holds, so a write goes on
 * (otherwise 412). No header (or an empty one) always holds; a weak tag never matches.
 */
export function ifMatchHolds(header: string | undefined, etag: string): boolean {
  if (!header) return true;
  return tags(header).some((tag) => tag === "*" || tag === etag);
}
