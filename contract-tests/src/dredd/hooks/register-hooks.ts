import { essence, JSON_TYPE, type SpecIndex } from "@jeeves/codecs";
import type { DreddPlan, PlannedTransaction } from "../plan.ts";
import type { ProviderSession, Undo } from "../providers/types.ts";
import { findSkip, type SkipRule } from "../skip-list.ts";
import { Authorizer } from "./credentials.ts";
import { decodeResponse, expectedBodySchema, expectedTextBody } from "./decode-response.ts";
import { defaultRequest } from "./default-request.ts";
import { type DreddHooks, type DreddTransaction, headerOf } from "./dredd-api.ts";
import { EtagStash } from "./etag-stash.ts";
import { JsonBodyStash } from "./json-body-stash.ts";
import { fieldsMissingFromWire } from "./protobuf-presence.ts";
import { responseSchema } from "./spec-lookup.ts";
import { writeRequest } from "./write-request.ts";

/** How one transaction ended. `error`: Dredd could not make the request at all. */
export type TransactionStatus = "pass" | "fail" | "skip" | "error";

/** The outcome of one transaction, as the hooks saw it after Dredd validated it. */
export interface TransactionResult {
  name: string;
  status: TransactionStatus;
  /** Why it failed (Dredd's validation messages and the hooks' own), or why it was skipped. */
  messages: string[];
  /** The reviewed reason, for a skip the skip list covers. */
  skipReason?: string;
  /** The response came gzip-compressed. */
  gzipped: boolean;
}

/** What the hooks share during one run. */
export interface HookContext {
  plan: DreddPlan;
  session: ProviderSession;
  /** The provider's section of the reviewed skip list. */
  skips: readonly SkipRule[];
  results: TransactionResult[];
  /** How many responses came gzip-compressed. */
  gzipResponses: number;
  /** Set once Dredd has loaded the hooks (it only warns when a hook file fails to load). */
  registered: boolean;
}

interface TransactionState {
  planned: PlannedTransaction;
  path?: string;
  undo?: Undo;
  gzipped: boolean;
}

function fail(transaction: DreddTransaction, message: string): void {
  transaction.fail = typeof transaction.fail === "string" ? `${transaction.fail}; ${message}` : message;
}

/** Wraps an async hook so that a thrown error fails the transaction instead of hanging Dredd. */
function guarded(hook: (transaction: DreddTransaction) => Promise<void> | void) {
  return (transaction: DreddTransaction, done: () => void) => {
    Promise.resolve()
      .then(() => hook(transaction))
      .catch((error: unknown) => fail(transaction, `hook error: ${(error as Error)?.message ?? String(error)}`))
      .finally(done);
  };
}

function validationMessages(transaction: DreddTransaction): string[] {
  const messages: string[] = [];
  for (const [field, result] of Object.entries(transaction.results?.fields ?? {})) {
    for (const error of result.errors ?? []) messages.push(`${field}: ${error.message}`);
  }
  for (const error of transaction.errors ?? []) if (error.severity === "error") messages.push(error.message);
  if (typeof transaction.fail === "string") messages.push(transaction.fail);
  return [...new Set(messages)];
}

function statusOf(transaction: DreddTransaction): TransactionStatus {
  if (transaction.skip) return "skip";
  if (transaction.fail) return "fail";
  if (!transaction.real) return "error";
  return transaction.test?.valid ? "pass" : "fail";
}

/**
 * Registers the Jeeves hooks on Dredd's hooks API for one provider run:
 * - beforeAll seeds the provider's data through its API;
 * - beforeEach skips what the reviewed list skips, builds the request of every other transaction (default
 *   request by status, then the provider's state), mints its credentials, fills conditional headers from the
 *   ETag stash, encodes its body (gzip for the gzip variant) and sets `expected.bodySchema` from the spec
 *   (for a `text/*` body, `expected.body`: the spec's example, compared exactly);
 * - beforeEachValidation stashes the response's ETag, gunzips and decodes it, normalises its Content-Type,
 *   stashes a JSON body and fails a protobuf one that left off the wire a required field the same call
 *   answered in JSON with a value;
 * - afterEach undoes the provider state and records the outcome.
 */
export function registerHooks(hooks: DreddHooks, context: HookContext): void {
  const { plan, session } = context;
  const index: SpecIndex = plan.index;
  const authorizer = new Authorizer(index, session.credentials);
  const stash = new EtagStash();
  const jsonBodies = new JsonBodyStash();
  const title = String((index.document.info as { title?: unknown } | undefined)?.title ?? "the spec");
  const states = new WeakMap<DreddTransaction, TransactionState>();
  context.registered = true;

  /**
   * Records a JSON body of the planned status; for a protobuf one, the required fields the same call
   * answered in JSON with a value but the protobuf body left off the wire, each naming spec, operation and field.
   */
  function missingFromWire(
    planned: PlannedTransaction,
    transaction: DreddTransaction,
    outcome: ReturnType<typeof decodeResponse>,
  ): string[] {
    if (!planned.mediaType || String(transaction.real?.statusCode) !== planned.status) return [];
    if (essence(planned.mediaType) === JSON_TYPE && outcome.body !== undefined)
      jsonBodies.record(planned, outcome.body);
    if (outcome.present === undefined) return [];
    const json = jsonBodies.sameCall(planned);
    if (json === undefined) return [];
    const schema = responseSchema(index, planned.operation, planned.status, planned.mediaType);
    const { operation } = planned;
    const where = `${title}: ${operation.method} ${operation.path} (${operation.operationId}) ${planned.status}`;
    return fieldsMissingFromWire(schema, json, outcome.present).map((problem) => `${where}: ${problem}`);
  }

  hooks.beforeAll((transactions, done) => {
    session.seed().then(done, (error: unknown) => {
      for (const transaction of transactions) fail(transaction, `seeding failed: ${(error as Error).message}`);
      done();
    });
  });

  hooks.beforeEach(
    guarded(async (transaction) => {
      const planned = plan.byName.get(transaction.name);
      if (!planned) throw new Error("Dredd made a transaction the plan does not have");
      const state: TransactionState = { planned, gzipped: false };
      states.set(transaction, state);
      const skip = findSkip(context.skips, transaction.name);
      if (skip) {
        transaction.skip = true;
        return;
      }
      const bodySchema = expectedBodySchema(index, planned);
      if (bodySchema) transaction.expected.bodySchema = bodySchema;
      const textBody = expectedTextBody(index, planned);
      if (textBody !== undefined) transaction.expected.body = textBody;
      const request = defaultRequest(index, session, planned);
      state.undo = (await session.prepare?.(planned, request)) ?? undefined;
      const authorization = await authorizer.header(planned.operation, request.credentials);
      state.path = writeRequest(transaction, planned, request, { index, stash, authorization });
    }),
  );

  hooks.beforeEachValidation(
    guarded((transaction) => {
      const state = states.get(transaction);
      if (!state || !transaction.real) return;
      const etag = headerOf(transaction.real.headers, "etag");
      if (etag && state.path) stash.record(state.path, etag);
      const outcome = decodeResponse(transaction, state.planned, index);
      state.gzipped = outcome.gzipped;
      if (outcome.gzipped) context.gzipResponses += 1;
      for (const problem of outcome.problems) fail(transaction, problem);
      for (const problem of missingFromWire(state.planned, transaction, outcome)) fail(transaction, problem);
    }),
  );

  hooks.afterEach(
    guarded(async (transaction) => {
      try {
        await states.get(transaction)?.undo?.();
      } catch (error) {
        fail(transaction, `undoing the provider state failed: ${(error as Error).message}`);
      }
      const skip = transaction.skip ? findSkip(context.skips, transaction.name) : undefined;
      const status = statusOf(transaction);
      const result: TransactionResult = {
        name: transaction.name,
        status,
        messages:
          status === "skip"
            ? [skip?.reason ?? "skipped outside the reviewed skip list"]
            : status === "pass"
              ? []
              : validationMessages(transaction),
        skipReason: skip?.reason,
        gzipped: states.get(transaction)?.gzipped ?? false,
      };
      context.results.push(result);
    }),
  );
}
