import { context, propagation, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { BusHeaders, BusMessage } from "./types.ts";

/** The W3C trace context headers a message carries (AMQP header table entries on RabbitMQ). */
export const TRACE_HEADERS = ["traceparent", "tracestate"] as const;

const tracer = () => trace.getTracer("@jeeves/bus");

const headerGetter = {
  keys: (headers: BusHeaders) => Object.keys(headers),
  get: (headers: BusHeaders, key: string) => {
    const value = headers[key];
    if (typeof value === "string") return value;
    // amqplib hands header strings back as Buffers when they were sent as byte arrays.
    return value instanceof Uint8Array ? Buffer.from(value).toString("utf8") : undefined;
  },
};

/**
 * Publishes in a producer span (`<routing key> publish`): `send` gets the headers with the span's
 * `traceparent` (and `tracestate`) added, so the consumer's work continues the publisher's trace
 * (a request's, a bus handler's, or a new one). Headers given by the caller are kept.
 */
export async function publishTraced(
  routingKey: string,
  headers: BusHeaders | undefined,
  send: (headers: BusHeaders) => Promise<void>,
): Promise<void> {
  const span = tracer().startSpan(`${routingKey} publish`, {
    kind: SpanKind.PRODUCER,
    attributes: { "messaging.system": "jeeves-bus", "messaging.destination.name": routingKey },
  });
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(context.active(), span), carrier);
  try {
    await send({ ...headers, ...carrier });
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
}

/**
 * Runs a subscriber on a message in a consumer span (`<routing key> process`) that continues the
 * trace of the message's `traceparent` (a new trace when it has none): the handler's log lines, its
 * HTTP calls and the messages it publishes all carry that trace. A handler that throws marks the span
 * as failed; the error goes on to the bus (retry, dead letter).
 */
export async function consumeTraced(message: BusMessage, group: string, handle: () => Promise<void>): Promise<void> {
  const parent = propagation.extract(context.active(), message.headers, headerGetter);
  const span = tracer().startSpan(
    `${message.routingKey} process`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        "messaging.system": "jeeves-bus",
        "messaging.destination.name": message.routingKey,
        "messaging.consumer.group.name": group,
        "messaging.message.id": message.id,
        "jeeves.attempt": message.attempt,
      },
    },
    parent,
  );
  try {
    await context.with(trace.setSpan(parent, span), handle);
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
}
