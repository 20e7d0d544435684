import { isSpanContextValid, type SpanContext, trace } from "@opentelemetry/api";

/** Where a request's logger keeps its server span (read by {@link traceMixin}). */
export const LOG_SPAN = Symbol.for("jeeves.log-span");

/** The log fields of a span: its W3C trace id and span id (hex). */
export function traceFields(span: SpanContext | undefined): { trace_id: string; span_id: string } | undefined {
  if (!span || !isSpanContextValid(span)) return undefined;
  return { trace_id: span.traceId, span_id: span.spanId };
}

/**
 * pino's `mixin`: `trace_id` and `span_id` in every line logged while a span is active (a request's
 * handler, a bus message's handler), and in a request's own lines (its logger keeps its server span,
 * so `request completed` carries it too). Lines outside any trace have neither. Always a new object:
 * pino merges each line's fields into what the mixin returns, so a shared one would carry every field
 * of every earlier line into the next.
 */
export function traceMixin(_fields: object, _level: number, logger?: unknown): object {
  const active = trace.getActiveSpan()?.spanContext();
  const own = (logger as { [LOG_SPAN]?: SpanContext } | undefined)?.[LOG_SPAN];
  return traceFields(own) ?? traceFields(active) ?? {};
}

/** pino options with {@link traceMixin} added (a mixin of the caller's own still runs, its fields first). */
export function withTraceFields<T>(options: T): T {
  if (!options) return options;
  const given = (options === true ? {} : options) as {
    mixin?: (fields: object, level: number, logger: unknown) => object;
  };
  const own = given.mixin;
  return {
    ...given,
    mixin: own
      ? (fields: object, level: number, logger: unknown) => ({
          ...own(fields, level, logger),
          ...traceMixin(fields, level, logger),
        })
      : traceMixin,
  } as T;
}
