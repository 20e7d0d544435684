import { TokenRequestError } from "@jeeves/client-kit";
import { type FieldError, ServiceError, statusTitle } from "@jeeves/service-kit";
import { ERR } from "../errors.ts";

/** What a generated client's call answers. */
export interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Where a log line about a failed call goes (the request's logger). */
export interface CallLog {
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** Which call: the service and its operationId, for the log. */
export interface CallSite {
  service: string;
  operation: string;
}

interface ProblemLike {
  title?: unknown;
  detail?: unknown;
  code?: unknown;
  errors?: unknown;
}

/** Seconds a 503 asks to wait when the service it passes on said nothing. */
const DEFAULT_RETRY_AFTER = "5";

/** The statuses of another service's refusals that are the person's to see as they are. */
const PASSED_ON = new Set([400, 403, 404, 409, 412, 422]);

function fieldErrorsOf(value: unknown): FieldError[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const errors = value.filter(
    (item): item is FieldError =>
      typeof item === "object" && item !== null && typeof item.field === "string" && typeof item.message === "string",
  );
  return errors.length > 0 ? errors.map(({ field, message }) => ({ field, message })) : undefined;
}

/** A `Retry-After` of whole seconds (1 to a day), or the default. */
function retryAfterOf(response: Response): string {
  const value = response.headers.get("retry-after")?.trim() ?? "";
  return /^\d{1,5}$/.test(value) && Number(value) >= 1 ? value : DEFAULT_RETRY_AFTER;
}

/** 503 `DASHBOARD_ERR_UPSTREAM_UNAVAILABLE` with `Retry-After`. */
export function unavailable(site: CallSite, retryAfter = DEFAULT_RETRY_AFTER, cause?: unknown): ServiceError {
  return ERR.UPSTREAM_UNAVAILABLE({
    detail: `the ${site.service} cannot be reached now`,
    headers: { "retry-after": retryAfter },
    cause,
  });
}

/** 502 `DASHBOARD_ERR_UPSTREAM`. */
export function badGateway(site: CallSite, cause?: unknown): ServiceError {
  return ERR.UPSTREAM({ detail: `the ${site.service} answered something the dashboard cannot use`, cause });
}

/**
 * The error for a call that got no answer: timed out or aborted, no connection, the TokenDealer
 * unreachable (503, logged as a warning), the TokenDealer refusing the dashboard's own client or the
 * answer not decoding (502, logged as an error). The details go to the log, never to the person.
 */
export function failedCall(site: CallSite, error: unknown, log: CallLog): ServiceError {
  if (error instanceof ServiceError) return error;
  const name = (error as Error | undefined)?.name;
  if (name === "TimeoutError" || name === "AbortError") {
    log.warn({ ...site }, `the ${site.service} did not answer ${site.operation} in time`);
    return unavailable(site, DEFAULT_RETRY_AFTER, error);
  }
  if (error instanceof TokenRequestError) {
    if (error.status >= 500 || error.status === 429) {
      log.warn({ ...site, status: error.status }, "the TokenDealer cannot give a token now");
      return unavailable({ ...site, service: "tokendealer" }, DEFAULT_RETRY_AFTER, error);
    }
    log.error({ ...site, status: error.status, oauth_error: error.error }, "the TokenDealer refused a token");
    return badGateway({ ...site, service: "tokendealer" }, error);
  }
  if (error instanceof TypeError) {
    log.warn({ ...site, err: error }, `the ${site.service} cannot be reached`);
    return unavailable(site, DEFAULT_RETRY_AFTER, error);
  }
  log.error({ ...site, err: error }, `${site.operation} of the ${site.service} failed`);
  return badGateway(site, error);
}

/**
 * The error for another service's error answer, or undefined for a success: a refusal that is the
 * person's (400, 403, 404, 409, 412, 422) keeps its status, code, title, detail and field errors; a 503
 * or a 429 is 503 with its `Retry-After`; anything else (a 5xx, a 401 for the dashboard's token, a 406
 * or 415 for its own request, an odd status) is 502, logged with the status and code.
 */
export function refusal(site: CallSite, response: Response, body: unknown, log: CallLog): ServiceError | undefined {
  const status = response.status;
  if (status < 400) return undefined;
  const problem = (typeof body === "object" && body !== null ? body : {}) as ProblemLike;
  const code = typeof problem.code === "string" ? problem.code : undefined;
  if (PASSED_ON.has(status)) {
    return new ServiceError(
      code ?? ERR.UPSTREAM.code,
      status,
      typeof problem.title === "string" ? problem.title : statusTitle(status),
      {
        detail: typeof problem.detail === "string" ? problem.detail : undefined,
        errors: fieldErrorsOf(problem.errors),
      },
    );
  }
  if (status === 503 || status === 429) {
    log.warn({ ...site, status, code }, `the ${site.service} is unavailable`);
    return unavailable(site, retryAfterOf(response));
  }
  log.error({ ...site, status, code }, `the ${site.service} answered ${status} to ${site.operation}`);
  return badGateway(site);
}

/**
 * Sends one call (`send` gets the signal that times it out after `timeoutMs`) and answers its answer,
 * or throws what {@link failedCall} makes of a call that got none.
 */
export async function sendCall<T>(
  site: CallSite,
  send: (signal: AbortSignal) => Promise<Answer<T>>,
  options: { timeoutMs: number; log: CallLog },
): Promise<Answer<T>> {
  // A timer of its own, not AbortSignal.timeout's: that one does not keep the process alive while it waits.
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException(`no answer within ${options.timeoutMs} ms`, "TimeoutError")),
    options.timeoutMs,
  );
  try {
    return await send(controller.signal);
  } catch (error) {
    throw failedCall(site, error, options.log);
  } finally {
    clearTimeout(timer);
  }
}
