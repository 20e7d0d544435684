import { type Context, context, propagation, type Span, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { FastifyInstance, FastifyRequest, RouteHandlerMethod } from "fastify";
import fp from "fastify-plugin";
import { LOG_SPAN } from "./log-trace.ts";
import { flushTraces, kitTracer } from "./tracing.ts";

/** A request's server span and the context its handler runs in. */
interface RequestTrace {
  span: Span;
  context: Context;
}

const TRACE = Symbol("jeeves.request-trace");
type Traced = FastifyRequest & { [TRACE]?: RequestTrace };

/** The header getter the W3C propagator reads a request's `traceparent` and `tracestate` with. */
const headerGetter = {
  keys: (headers: FastifyRequest["headers"]) => Object.keys(headers),
  get: (headers: FastifyRequest["headers"], key: string) => headers[key],
};

/** The trace context a request's handler runs in (its server span's), if it has one. */
export function requestTraceContext(request: FastifyRequest): Context | undefined {
  return (request as Traced)[TRACE]?.context;
}

function end(request: Traced, statusCode: number): void {
  const traced = request[TRACE];
  if (!traced) return;
  request[TRACE] = undefined;
  traced.span.setAttribute("http.response.status_code", statusCode);
  if (statusCode >= 500) traced.span.setStatus({ code: SpanStatusCode.ERROR });
  traced.span.end();
}

/**
 * A server span per request: it continues the caller's trace when the request carries a W3C
 * `traceparent` (and `tracestate`), or starts a new one; named `<METHOD> <route>`, it ends once the
 * answer is sent (or the client goes away). The route handlers run in its context, so their outbound
 * calls, bus messages and log lines carry the trace; the request's own log lines carry it too.
 */
export const traceRequests = fp(
  async (app: FastifyInstance, options: { service: string }) => {
    app.addHook("onRoute", (route) => {
      const handler = route.handler as RouteHandlerMethod;
      route.handler = function tracedHandler(this: FastifyInstance, request, reply) {
        const traced = (request as Traced)[TRACE];
        return traced
          ? context.with(traced.context, handler, this, request, reply)
          : handler.call(this, request, reply);
      } as RouteHandlerMethod;
    });
    app.addHook("onRequest", (request, _reply, done) => {
      const parent = propagation.extract(context.active(), request.headers, headerGetter);
      const route = request.routeOptions?.url ?? request.url.split("?")[0];
      const span = kitTracer().startSpan(
        `${request.method} ${route}`,
        {
          kind: SpanKind.SERVER,
          attributes: {
            "jeeves.service": options.service,
            "http.request.method": request.method,
            "http.route": route,
            "jeeves.request_id": request.id,
          },
        },
        parent,
      );
      const spanContext = trace.setSpan(parent, span);
      (request as Traced)[TRACE] = { span, context: spanContext };
      (request.log as unknown as Record<symbol, unknown>)[LOG_SPAN] = span.spanContext();
      context.with(spanContext, done);
    });
    app.addHook("onResponse", (request, reply, done) => {
      end(request as Traced, reply.statusCode);
      done();
    });
    app.addHook("onRequestAbort", (request, done) => {
      end(request as Traced, 499);
      done();
    });
    app.addHook("onClose", async () => {
      await flushTraces();
    });
  },
  { name: "jeeves-trace-requests" },
);
