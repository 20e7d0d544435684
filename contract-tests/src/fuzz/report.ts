import type { FuzzAnswer, FuzzRequest } from "./fuzz-request.ts";
import type { Verdict } from "./judge.ts";

/** One failure class: how often, in which categories, and its smallest request (to reproduce it). */
export interface FailureClass {
  key: string;
  count: number;
  categories: Set<string>;
  example: { index: number; request: FuzzRequest; answer: FuzzAnswer };
}

/** What a fuzz run saw. */
export interface Tally {
  service: string;
  seed: number;
  sent: number;
  ms: number;
  byStatus: Map<string, number>;
  byCategory: Map<string, Map<string, number>>;
  failures: Map<string, FailureClass>;
  slowestMs: number;
}

/** An empty tally for a run of `service` with `seed`. */
export function newTally(service: string, seed: number): Tally {
  return {
    service,
    seed,
    sent: 0,
    ms: 0,
    byStatus: new Map(),
    byCategory: new Map(),
    failures: new Map(),
    slowestMs: 0,
  };
}

function size(request: FuzzRequest): number {
  return (request.body?.length ?? 0) + (request.raw?.length ?? 0) + request.url.length;
}

/** Counts one answer, and its failure when it has one (keeping the smallest request of each class). */
export function count(tally: Tally, index: number, request: FuzzRequest, answer: FuzzAnswer, verdict?: Verdict): void {
  const status = answer.status === 0 ? "none" : String(answer.status);
  tally.sent += 1;
  tally.slowestMs = Math.max(tally.slowestMs, answer.ms);
  tally.byStatus.set(status, (tally.byStatus.get(status) ?? 0) + 1);
  const group = request.category.split(":")[0] === "raw" ? "raw http" : request.category;
  const statuses = tally.byCategory.get(group) ?? new Map<string, number>();
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
  tally.byCategory.set(group, statuses);
  if (!verdict) return;
  const found = tally.failures.get(verdict.key);
  if (!found) {
    tally.failures.set(verdict.key, {
      key: verdict.key,
      count: 1,
      categories: new Set([request.category]),
      example: { index, request, answer },
    });
    return;
  }
  found.count += 1;
  found.categories.add(request.category);
  if (size(request) < size(found.example.request)) found.example = { index, request, answer };
}

function counts(map: Map<string, number>): string {
  return [...map.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, n]) => `${status}×${n}`)
    .join(" ");
}

function preview(bytes: Buffer, limit = 300): string {
  const text = bytes.subarray(0, limit).toString("utf8");
  const printable = /^[\t\n\r\x20-\x7e\u00a0-\uffff]*$/u.test(text) && !text.includes("\uFFFD");
  const shown = printable ? JSON.stringify(text) : `hex ${bytes.subarray(0, limit).toString("hex")}`;
  return `${shown}${bytes.length > limit ? ` … (${bytes.length} bytes)` : ""}`;
}

/** A request as the report shows it: the request line, headers, and the body in base64 (exact bytes). */
export function describeRequest(request: FuzzRequest): string {
  if (request.raw) {
    const lines = [`raw HTTP (${request.raw.length} bytes): ${preview(request.raw, 200)}`];
    if (request.raw.length <= 1024) lines.push(`  base64 ${request.raw.toString("base64")}`);
    return lines.join("\n");
  }
  const headers = Object.entries(request.headers).map(([name, value]) => {
    const shown = value.length > 120 ? `${value.slice(0, 120)}… (${value.length} chars)` : value;
    return `${name}: ${shown}`;
  });
  const url = request.url.length > 300 ? `${request.url.slice(0, 300)}… (${request.url.length} chars)` : request.url;
  const lines = [`${request.method} ${url}`, ...headers.map((h) => `  ${h}`)];
  if (request.body !== undefined) {
    lines.push(`  body (${request.body.length} bytes): ${preview(request.body)}`);
    if (request.body.length <= 1024) lines.push(`  body base64: ${request.body.toString("base64")}`);
  }
  return lines.join("\n");
}

/** The command that replays a run, or one request of it (FUZZ_ONLY: its index). */
export function replayCommand(tally: Tally, index?: number): string {
  const only = index === undefined ? "" : ` FUZZ_ONLY=${index}`;
  return `cd contract-tests && FUZZ_SEED=${tally.seed}${only} node --import tsx --test test/fuzz/${tally.service}.test.ts`;
}

/** The report of a run: counts by status and by category, then each failure class with its smallest request. */
export function formatReport(tally: Tally): string {
  const lines = [
    `fuzz ${tally.service}: seed ${tally.seed}, ${tally.sent} requests in ${(tally.ms / 1000).toFixed(1)} s (slowest answer ${Math.round(tally.slowestMs)} ms)`,
    `  by status: ${counts(tally.byStatus)}`,
    "  by category:",
    ...[...tally.byCategory.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([category, statuses]) => `    ${category.padEnd(28)} ${counts(statuses)}`),
  ];
  if (tally.failures.size === 0) {
    lines.push("  no failures");
    return lines.join("\n");
  }
  lines.push(`  ${tally.failures.size} failure classes:`);
  for (const failure of tally.failures.values()) {
    const { index, request, answer } = failure.example;
    lines.push(
      `  ✗ ${failure.key}  (${failure.count}×; categories: ${[...failure.categories].sort().join(", ")})`,
      `    request #${index} (${request.category}):`,
      ...describeRequest(request)
        .split("\n")
        .map((line) => `      ${line}`),
      `    answered ${answer.status} in ${Math.round(answer.ms)} ms${answer.error ? ` (${answer.error})` : ""}: ${answer.headers["content-type"] ?? "no content-type"} ${preview(answer.body, 200)}`,
      `    replay: ${replayCommand(tally, index)}`,
    );
  }
  return lines.join("\n");
}
