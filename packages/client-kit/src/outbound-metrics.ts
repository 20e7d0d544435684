/** How an outbound request ended, as the metrics label it. */
export type OutboundOutcome = "ok" | "4xx" | "5xx" | "timeout" | "error";

/** Where an outbound request's outcome goes (service-kit's `app.metrics.outbound(target)`, structurally). */
export interface OutboundObserver {
  observe(outcome: OutboundOutcome, seconds: number): void;
}

/** The outcome of a response's status: below 400 ok, else its class. */
export function outcomeOfStatus(status: number): OutboundOutcome {
  if (status >= 500) return "5xx";
  if (status >= 400) return "4xx";
  return "ok";
}

/** The outcome of a failed fetch: an abort or timeout signal is a timeout, anything else an error. */
export function outcomeOfError(error: unknown): OutboundOutcome {
  const name = (error as { name?: unknown } | null)?.name;
  return name === "TimeoutError" || name === "AbortError" ? "timeout" : "error";
}

/**
 * A fetch that reports each request's outcome and duration to `observer` (one call per request: no
 * label built here); it answers and throws exactly as `fetch` does.
 */
export function observedFetch<F extends (...args: never[]) => Promise<Response>>(
  fetch: F,
  observer: OutboundObserver,
): F {
  const observed = async (...args: Parameters<F>): Promise<Response> => {
    const started = performance.now();
    try {
      const response = await fetch(...args);
      observer.observe(outcomeOfStatus(response.status), (performance.now() - started) / 1000);
      return response;
    } catch (error) {
      observer.observe(outcomeOfError(error), (performance.now() - started) / 1000);
      throw error;
    }
  };
  return observed as unknown as F;
}
