/**
 * The dashboard API's errors as one typed error: an `application/problem+json` answer (status, code,
 * detail and field errors such as `{field: "/body/email", message}`) becomes an {@link ApiError} whose
 * field errors are keyed by the form input they belong to (`/body/email` → `email`). DOM-free, so that
 * node:test covers it.
 */

/** One field error of a problem: a JSON pointer into the request and what is wrong with it. */
export interface FieldError {
  field: string;
  message: string;
}

/** What a problem+json body may hold (the spec's `Problem`; every member is checked before use). */
export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
}

/** What the person reads for a status when the answer says nothing better. */
const STATUS_MESSAGES: Record<number, string> = {
  0: "The dashboard cannot be reached. Check your connection and try again.",
  400: "Something in the request is not valid.",
  401: "Your session has ended. Log in again.",
  403: "You are not allowed to do that.",
  404: "Not found.",
  409: "That conflicts with something that already exists.",
  429: "Too many attempts. Wait a moment and try again.",
  502: "A service behind the dashboard answered something unexpected. Try again later.",
  503: "A service behind the dashboard is unavailable. Try again later.",
  504: "Jeeves did not answer in time. Try again.",
};

/** The message of an error with `status`, when the answer has no detail of its own. */
export function statusMessage(status: number): string {
  return STATUS_MESSAGES[status] ?? (status >= 500 ? "Something went wrong. Try again later." : "The request failed.");
}

/** An error answer of the dashboard API (or its unreachability, status 0), ready to show. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  /** The HTTP status; 0 when no answer came (network error). */
  readonly status: number;
  /** The problem's code, such as `DASHBOARD_ERR_BAD_CREDENTIALS` or `SERVICE_ERR_VALIDATION`. */
  readonly code: string | undefined;
  readonly title: string;
  readonly detail: string | undefined;
  /** The problem's field errors as sent. */
  readonly errors: readonly FieldError[];
  /** Seconds to wait (`Retry-After` on 429 and 503), when the answer says. */
  readonly retryAfter: number | undefined;

  constructor(init: {
    status: number;
    code?: string;
    title?: string;
    detail?: string;
    errors?: readonly FieldError[];
    retryAfter?: number;
  }) {
    super(init.detail ?? statusMessage(init.status));
    this.status = init.status;
    this.code = init.code;
    this.title = init.title ?? statusMessage(init.status);
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.retryAfter = init.retryAfter;
  }

  /** The field errors by input name (see {@link fieldKey}); errors on no input are left out. */
  get fieldErrors(): Record<string, string> {
    return fieldErrorsByKey(this.errors);
  }

  /** The field errors that belong to none of `inputs` (to show above the form), as `field: message`. */
  otherErrors(inputs: readonly string[]): string[] {
    return this.errors
      .filter((error) => {
        const key = fieldKey(error.field);
        return key === undefined || !inputs.includes(key);
      })
      .map((error) => `${error.field}: ${error.message}`);
  }
}

/** Whether `error` is an {@link ApiError} with `status`. */
export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/** Unescapes one JSON pointer token (`~1` → `/`, `~0` → `~`). */
function unescapeToken(token: string): string {
  return token.replaceAll("~1", "/").replaceAll("~0", "~");
}

/**
 * The form input a field error's JSON pointer belongs to: `/body/email` → `email`,
 * `/querystring/q` → `q`, `/body/address/city` → `address.city`; undefined for a pointer at no field
 * (`/body` itself, or a pointer outside the body, query and path).
 */
export function fieldKey(pointer: string): string | undefined {
  const tokens = pointer.split("/");
  if (tokens[0] !== "" || tokens.length < 3) return undefined;
  if (!["body", "querystring", "query", "params", "path"].includes(tokens[1])) return undefined;
  const rest = tokens.slice(2).map(unescapeToken);
  if (rest.some((token) => token === "")) return undefined;
  return rest.join(".");
}

/** What a person reads for one field message: the server's words, with a capital first letter. */
export function fieldMessage(message: string): string {
  const trimmed = message.trim();
  return trimmed ? trimmed[0].toUpperCase() + trimmed.slice(1) : "Is not valid";
}

/** The field errors by input name; two errors on one input are joined. */
export function fieldErrorsByKey(errors: readonly FieldError[]): Record<string, string> {
  const byKey: Record<string, string> = {};
  for (const error of errors) {
    const key = fieldKey(error.field);
    if (key === undefined) continue;
    const message = fieldMessage(error.message);
    byKey[key] = byKey[key] ? `${byKey[key]}; ${message}` : message;
  }
  return byKey;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The well-formed field errors of a body (others dropped). */
function readFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is FieldError => isRecord(item) && typeof item.field === "string" && typeof item.message === "string",
  );
}

/** `Retry-After` in seconds (delta-seconds only; an HTTP date or garbage gives undefined). */
export function retryAfterSeconds(header: string | null | undefined): number | undefined {
  if (!header || !/^\d{1,9}$/.test(header.trim())) return undefined;
  const seconds = Number(header.trim());
  return seconds > 0 ? seconds : undefined;
}

/**
 * The {@link ApiError} of an error answer: its status from the response, the rest from the
 * problem+json body (openapi-fetch hands over the parsed JSON, or the text when it was not JSON).
 */
export function problemToError(
  body: unknown,
  response: { status: number; headers: { get(name: string): string | null } },
): ApiError {
  const problem = isRecord(body) ? body : {};
  const text = typeof body === "string" && body.trim() && body.length <= 300 ? body.trim() : undefined;
  return new ApiError({
    status: response.status,
    code: typeof problem.code === "string" ? problem.code : undefined,
    title: typeof problem.title === "string" ? problem.title : undefined,
    detail: typeof problem.detail === "string" && problem.detail ? problem.detail : text,
    errors: readFieldErrors(problem.errors),
    retryAfter: retryAfterSeconds(response.headers.get("retry-after")),
  });
}

/** The error of a request that got no answer (fetch threw): status 0. */
export function networkError(cause: unknown): ApiError {
  const error = new ApiError({ status: 0 });
  (error as { cause?: unknown }).cause = cause;
  return error;
}

/** What to show for any error thrown by the API layer (or anything else). */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong.";
}
