import {
  type AlertRecords,
  AlertRecordsUnavailable,
  type AlertSubscription,
  type ClaimOutcome,
} from "../src/domain/alert-records.ts";

/**
 * AlertRecords in memory, for tests: the subscriptions given, and the claims taken (one set,
 * so two schedulers sharing one MemoryAlerts behave as two copies sharing the dataservice).
 */
export class MemoryAlerts implements AlertRecords {
  /** The subscriptions, in the order they are listed; change them at will. */
  readonly list: AlertSubscription[];
  /** The claims taken, as `<user id> <local date>`. */
  readonly claims = new Set<string>();
  /** While true, every call throws AlertRecordsUnavailable (the dataservice is down). */
  unavailable = false;

  constructor(subscriptions: AlertSubscription[] = []) {
    this.list = [...subscriptions];
  }

  async *subscriptions(): AsyncIterable<AlertSubscription> {
    if (this.unavailable) throw new AlertRecordsUnavailable("memory alerts: unavailable");
    yield* [...this.list];
  }

  async claim(userId: string, localDate: string): Promise<ClaimOutcome> {
    if (this.unavailable) throw new AlertRecordsUnavailable("memory alerts: unavailable");
    if (!this.list.some((s) => s.user_id === userId)) return "no-user";
    const key = `${userId} ${localDate}`;
    if (this.claims.has(key)) return "already-claimed";
    this.claims.add(key);
    return "claimed";
  }
}
