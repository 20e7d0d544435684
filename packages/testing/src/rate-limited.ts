import assert from "node:assert/strict";

/** An answer as light-my-request gives it, or already decoded (`status`, `headers`, `body`). */
export type AnyResponse =
  | { statusCode: number; headers: Record<string, unknown>; body: string }
  | { status: number; headers: Record<string, unknown>; body: unknown; contentType?: string };

/** Asserts a rate-limited answer: 429 problem+json `SERVICE_ERR_RATE_LIMITED` with `Retry-After` 1-60 s. */
export function assertRateLimited(response: AnyResponse): void {
  const status = "statusCode" in response ? response.statusCode : response.status;
  const body = "statusCode" in response ? JSON.parse(response.body) : response.body;
  assert.equal(status, 429, JSON.stringify(body));
  assert.match(String(response.headers["content-type"]), /^application\/problem\+json/);
  const seconds = Number(response.headers["retry-after"]);
  assert.ok(
    Number.isInteger(seconds) && seconds >= 1 && seconds <= 60,
    `Retry-After ${response.headers["retry-after"]}`,
  );
  const problem = body as { status?: number; title?: string; code?: string; type?: string };
  assert.equal(problem.status, 429);
  assert.equal(problem.title, "Too Many Requests");
  assert.equal(problem.code, "SERVICE_ERR_RATE_LIMITED");
  assert.equal(problem.type, "urn:jeeves:problem:too-many-requests");
}
