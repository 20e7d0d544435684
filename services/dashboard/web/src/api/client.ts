/**
 * The page's one way to the dashboard API: an openapi-fetch client typed with the spec's `paths`
 * (same origin, the session cookie goes along), the CSRF middleware, and {@link unwrap}, which turns an
 * answer into its data or throws an {@link ApiError}.
 */
import type { paths } from "@jeeves/generated/openapi/dashboard";
import createClient from "openapi-fetch";
import { createCsrfStore, csrfMiddleware } from "./csrf.ts";
import { ApiError, networkError, problemToError } from "./problem.ts";

/** The session's CSRF token, set when the session is read or made, cleared at log-out. */
export const csrf = createCsrfStore();

/** The typed client of the dashboard API, on the page's own origin. */
export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin" });
api.use(csrfMiddleware(csrf));

/** What an openapi-fetch call resolves to. */
interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Awaits an API call and returns its data (undefined for 204), or throws an {@link ApiError}: the
 * answer's problem, or status 0 when no answer came.
 */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch (cause) {
    throw networkError(cause);
  }
  if (!answer.response.ok) throw problemToError(answer.error, answer.response);
  return answer.data as T;
}

export { ApiError };
