/** The most answers a {@link FlagAnswerMemory} keeps before it starts over (one per flag, fallback and context). */
export const FLAG_ANSWERS_KEPT = 10_000;

/**
 * The answers of one process's flags, remembered until the flags change: a flag's answer depends only
 * on the flags file and the context it is asked with, so asking again need not evaluate again. An
 * evaluation through OpenFeature (its hook contexts, merged contexts, promises) was ~45% of what the
 * one-process suite promoted to the old generation at 500 Slack events a second (bench/RESULTS.md,
 * finding 19). `forget()` on every reload; a generation number keeps an
 * evaluation that began before a reload from storing its answer after it. Bounded: past
 * {@link FLAG_ANSWERS_KEPT} answers it forgets them all (no per-entry bookkeeping on the hot path).
 */
export class FlagAnswerMemory {
  readonly #answers = new Map<string, boolean | string>();
  readonly #max: number;
  #generation = 0;

  constructor(max = FLAG_ANSWERS_KEPT) {
    if (!(Number.isInteger(max) && max >= 1)) throw new RangeError("max must be a positive integer");
    this.#max = max;
  }

  /** How many answers are remembered now. */
  get size(): number {
    return this.#answers.size;
  }

  /**
   * The remembered answer for `key`, or `evaluate()`'s (remembered unless the flags changed while it ran).
   * A failed evaluation is not remembered.
   */
  async answer<T extends boolean | string>(key: string, evaluate: () => Promise<T>): Promise<T> {
    const known = this.#answers.get(key);
    if (known !== undefined) return known as T;
    const generation = this.#generation;
    const value = await evaluate();
    if (generation === this.#generation) {
      if (this.#answers.size >= this.#max) this.#answers.clear();
      this.#answers.set(key, value);
    }
    return value;
  }

  /** Forgets every answer (the flags changed). */
  forget(): void {
    this.#generation += 1;
    this.#answers.clear();
  }
}

/** The memory key of one question: its kind, flag, fallback, workspace and user (unambiguous: JSON). */
export function flagAnswerKey(
  kind: "boolean" | "string",
  flag: string,
  fallback: boolean | string,
  context: { workspace?: string; user?: string } = {},
): string {
  return JSON.stringify([kind, flag, fallback, context.workspace ?? null, context.user ?? null]);
}
