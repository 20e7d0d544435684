import { createHash } from "node:crypto";
import type { WeatherReport } from "./report.ts";

/**
 * The strong ETag of a report: a hash of its content, so the same weather (place, units, readings,
 * observation time, demo flag) keeps its tag across cache refreshes and encodings.
 */
export function reportEtag(report: WeatherReport): string {
  const content = JSON.stringify(Object.entries(report).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `"${createHash("sha256").update(content).digest("base64url").slice(0, 22)}"`;
}
