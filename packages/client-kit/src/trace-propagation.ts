import { context, propagation, type Span, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";

const tracer = () => trace.getTracer("@jeeves/client-kit");

/** A fetch that takes a Request (the typed clients', openapi-fetch's). */
export type RequestFetch = (input: Request) => Promise<Response>;

/** A client span for a call to `url` with `method` (named `<METHOD> <host>`), a child of the active span. */
function clientSpan(method: string, url: URL): Span {
  return tracer().startSpan(`${method} ${url.host}`, {
    kind: SpanKind.CLIENT,
    attributes: {
      "http.request.method": method,
      "server.address": url.hostname,
      "url.path": url.pathname,
    },
  });
}

/** The `traceparent` (and `tracestate`) headers of `span`, to send along. */
function traceHeaders(span: Span): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(context.active(), span), carrier);
  return carrier;
}

async function settle<T extends { status: number }>(span: Span, call: () => Promise<T>): Promise<T> {
  try {
    const response = await call();
    span.setAttribute("http.response.status_code", response.status);
    if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    return response;
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
}

/**
 * `fetch` (Request form) in a client span: the request goes out with the span's W3C `traceparent`
 * (and `tracestate`), so the called service continues the caller's trace. Every typed client and the
 * token clients send with it; without a tracer provider it adds nothing.
 */
export function tracedFetch(fetch: RequestFetch): RequestFetch {
  return (input) => {
    const span = clientSpan(input.method, new URL(input.url));
    for (const [name, value] of Object.entries(traceHeaders(span))) input.headers.set(name, value);
    return settle(span, () => fetch(input));
  };
}

/** A fetch of the `(url, init)` form with headers as a record (the Slack SDK's `fetch` option). */
export type UrlFetch<
  Init extends { method?: string; headers?: Record<string, string> },
  Answer extends { status: number },
> = (url: string | URL, init?: Init) => Promise<Answer>;

/** {@link tracedFetch} for a fetch of the `(url, init)` form (an SDK's, e.g. Slack's WebClient `fetch`). */
export function tracedUrlFetch<
  Init extends { method?: string; headers?: Record<string, string> },
  Answer extends { status: number },
>(fetch: UrlFetch<Init, Answer>): UrlFetch<Init, Answer> {
  return (url, init) => {
    const span = clientSpan(init?.method ?? "GET", new URL(String(url)));
    const headers = { ...init?.headers, ...traceHeaders(span) };
    return settle(span, () => fetch(url, { ...init, headers } as Init));
  };
}
