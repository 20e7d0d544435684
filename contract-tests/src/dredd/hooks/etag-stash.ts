/**
 * The ETags seen for each resource path, oldest first, so a 304 transaction can send the current one in
 * If-None-Match and a 412 transaction a stale one in If-Match.
 */
export class EtagStash {
  private readonly seen = new Map<string, string[]>();

  /** Records the ETag a response carried for a path (its query left out). */
  record(path: string, etag: string): void {
    const list = this.seen.get(path) ?? [];
    if (list.at(-1) !== etag) list.push(etag);
    this.seen.set(path, list);
  }

  /** The latest ETag seen for the path. */
  latest(path: string): string | undefined {
    return this.seen.get(path)?.at(-1);
  }

  /** An ETag seen earlier for the path that is no longer the latest, if the resource changed since. */
  stale(path: string): string | undefined {
    const list = this.seen.get(path) ?? [];
    return list.find((etag) => etag !== list.at(-1));
  }
}
