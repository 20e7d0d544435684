import { essence, PROBLEM_TYPE } from "@jeeves/codecs";

/** One entry of Prism's `sl-violations` header. */
interface Violation {
  location?: unknown;
  message?: unknown;
}

const pointerPart = (part: unknown) => String(part).replaceAll("~", "~0").replaceAll("/", "~1");

function violationsOf(header: string | string[] | undefined): Array<{ field: string; message: string }> {
  if (typeof header !== "string") return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(header);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return (parsed as Violation[])
    .filter((v): v is Violation & { message: string } => typeof v?.message === "string")
    .map((v) => ({
      // ["request", "body", "slack_team_id"] → /body/slack_team_id, as a Jeeves FieldError names it.
      field: (Array.isArray(v.location) ? v.location.slice(1) : []).map((p) => `/${pointerPart(p)}`).join(""),
      message: v.message,
    }));
}

/**
 * Prism refuses a request with the spec's canned problem example (say, "body must have required property
 * 'display_name'") whatever the request broke; the real reasons are in its `sl-violations` header. This
 * rewrites such a problem+json answer (4xx) so its `detail` is Prism's violation messages, joined by
 * "; ", and its `errors`, when the example has some, are the violations as field errors. Everything else
 * (another type, no or an unreadable header, a body that is not a JSON object) is returned as it is.
 */
export function problemWithViolations(
  status: number,
  body: Buffer,
  contentType: string | undefined,
  header: string | string[] | undefined,
): Buffer {
  if (status < 400 || status >= 500 || essence(contentType) !== PROBLEM_TYPE) return body;
  const violations = violationsOf(header);
  if (violations.length === 0) return body;
  let problem: unknown;
  try {
    problem = JSON.parse(body.toString("utf8"));
  } catch {
    return body;
  }
  if (problem === null || typeof problem !== "object" || Array.isArray(problem)) return body;
  const rewritten: Record<string, unknown> = { ...problem, detail: violations.map((v) => v.message).join("; ") };
  if (Array.isArray(rewritten.errors)) rewritten.errors = violations;
  return Buffer.from(JSON.stringify(rewritten));
}
