/**
 * Remembers the last thing noted about each subject, so that a tick every 30 seconds logs a skipped
 * alert or a bad setting once (per day, per value), not at every tick. Holds one entry per subject.
 */
export class Notes {
  readonly #last = new Map<string, string>();

  /** True when `what` is new for `subject` (and remembers it); false when it was the last thing noted. */
  changed(subject: string, what: string): boolean {
    if (this.#last.get(subject) === what) return false;
    this.#last.set(subject, what);
    return true;
  }
}
