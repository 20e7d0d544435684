import { essence, PROBLEM_TYPE } from "@jeeves/codecs";
import type { FuzzAnswer, FuzzRequest } from "./fuzz-request.ts";
import type { FuzzTarget } from "./targets.ts";

/** An answer slower than this fails (the bound). */
export const SLOW_MS = 5_000;

/** Why an answer is wrong, and the class it belongs to (one line in the report per class). */
export interface Verdict {
  kind: "crash" | "5xx" | "slow" | "not-problem-json" | "invalid-body-accepted";
  /** Groups failures of one cause: the kind, the operation, the status and the error code or media type. */
  key: string;
}

function problemOf(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(body.toString("utf8")) as unknown;
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Whether an error answer is a problem (RFC 9457): problem+json with type, title and the same status. */
function isProblem(answer: FuzzAnswer, head: boolean): boolean {
  if (essence(answer.headers["content-type"]) !== PROBLEM_TYPE) return false;
  if (head) return true;
  const body = problemOf(answer.body);
  return typeof body?.type === "string" && typeof body.title === "string" && body.status === answer.status;
}

/** Whether an error answer is an RFC 6749 §5.2 error where the spec documents one (the OAuth endpoints). */
function isOAuthError(answer: FuzzAnswer, target: FuzzTarget | undefined, head: boolean): boolean {
  if (!target?.jsonErrorStatuses.has(answer.status)) return false;
  if (essence(answer.headers["content-type"]) !== "application/json") return false;
  return head || typeof problemOf(answer.body)?.error === "string";
}

/**
 * Judges one answer: a crash (no answer at all), any 5xx, slower than {@link SLOW_MS}, an error (4xx)
 * whose body is not problem+json (the RFC 6749 errors the spec documents aside), or a 2xx to a body
 * that breaks the operation's schema. Undefined when the answer is fine.
 */
export function judge(request: FuzzRequest, answer: FuzzAnswer, target: FuzzTarget | undefined): Verdict | undefined {
  // Broken paths, methods and raw HTTP test the router and node's parser, not the operation they came from.
  const routed = target && !/^(path|method|raw:)/.test(request.category);
  const where = routed ? target.operationId : "(before routing)";
  if (answer.error !== undefined) {
    return { kind: "crash", key: `crash · ${where} · ${answer.error.split("\n")[0].slice(0, 120)}` };
  }
  if (answer.ms > SLOW_MS) return { kind: "slow", key: `slow · ${where} · over ${SLOW_MS} ms` };
  const code = (() => {
    const body = problemOf(answer.body);
    return typeof body?.code === "string" ? body.code : essence(answer.headers["content-type"]) || "no content-type";
  })();
  if (answer.status >= 500) return { kind: "5xx", key: `5xx · ${where} · ${answer.status} ${code}` };
  const head = request.method === "HEAD";
  if (answer.status >= 400 && !isProblem(answer, head) && !isOAuthError(answer, target, head)) {
    return { kind: "not-problem-json", key: `not problem+json · ${where} · ${answer.status} ${code}` };
  }
  if (request.invalidBody && answer.status >= 200 && answer.status < 300) {
    return { kind: "invalid-body-accepted", key: `invalid body accepted · ${where}` };
  }
  return undefined;
}
