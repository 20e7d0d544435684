import type { PlannedTransaction } from "../plan.ts";

/** The key of a call: the same operation, documented status and variant make the same request. */
function keyOf(planned: PlannedTransaction): string {
  return `${planned.operation.operationId} ${planned.status} ${planned.variant}`;
}

/**
 * The JSON bodies answered so far, by operation, status and variant. Dredd runs an operation's media
 * types in the spec's order (JSON first), each with the same request, so the protobuf transaction of a
 * call finds the JSON body of the same call here.
 */
export class JsonBodyStash {
  private readonly bodies = new Map<string, unknown>();

  /** Records the JSON body a transaction received. */
  record(planned: PlannedTransaction, body: unknown): void {
    this.bodies.set(keyOf(planned), body);
  }

  /** The JSON body of the same call as `planned` in another media type, if it ran. */
  sameCall(planned: PlannedTransaction): unknown {
    return this.bodies.get(keyOf(planned));
  }
}
