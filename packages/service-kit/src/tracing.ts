import { context, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, type SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import { IdOnlyTracerProvider } from "./id-only-tracer.ts";

/** The standard OpenTelemetry variables the tracing reads (the OTLP exporter reads its own OTEL_EXPORTER_OTLP_* too). */
export const TRACING_VARIABLES = [
  "OTEL_EXPORTER_OTLP_ENDPOINT",
  "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
  "OTEL_SERVICE_NAME",
  "OTEL_SDK_DISABLED",
] as const;

/** Where spans go over OTLP/HTTP (`…/v1/traces`), or undefined when no OTLP endpoint is set: no export. */
export function otlpTracesUrl(env: Record<string, string | undefined> = process.env): string | undefined {
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  if (traces) return traces;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!base) return undefined;
  return `${base.endsWith("/") ? base.slice(0, -1) : base}/v1/traces`;
}

/**
 * A tracer provider: spans with W3C trace and span ids always (log lines carry them), exported in
 * batches over OTLP/HTTP only when {@link otlpTracesUrl} names an endpoint (none otherwise, and none
 * when OTEL_SDK_DISABLED is true). `service.name` is OTEL_SERVICE_NAME, else `serviceName`.
 */
export function createTracerProvider(
  serviceName: string,
  env: Record<string, string | undefined> = process.env,
): NodeTracerProvider {
  const url = env.OTEL_SDK_DISABLED?.trim().toLowerCase() === "true" ? undefined : otlpTracesUrl(env);
  const spanProcessors: SpanProcessor[] = url ? [new BatchSpanProcessor(new OTLPTraceExporter({ url }))] : [];
  return new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME?.trim() || serviceName }),
    spanProcessors,
  });
}

let registered: NodeTracerProvider | IdOnlyTracerProvider | undefined;

/** Registers the ids-only tracer (nothing is exported): the same context manager and propagators as the SDK's. */
function registerIdOnly(): IdOnlyTracerProvider {
  const manager = new AsyncLocalStorageContextManager();
  manager.enable();
  context.setGlobalContextManager(manager);
  propagation.setGlobalPropagator(
    new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
  );
  const provider = new IdOnlyTracerProvider();
  trace.setGlobalTracerProvider(provider);
  return provider;
}

/**
 * Sets up tracing for this process once (later calls return the same provider), registered globally
 * with the async-local-storage context manager and the W3C `traceparent`/`tracestate` (and baggage)
 * propagators, which the bus and the clients use through `@opentelemetry/api`. When spans are exported
 * (see {@link otlpTracesUrl}) the provider is {@link createTracerProvider}'s; otherwise spans are only
 * their ids (see IdOnlyTracerProvider): log lines and propagation are the same, at a fraction of the
 * cost. In the one-process suite the first caller names the process (`jeeves`); each server span also
 * carries its service's name (`jeeves.service`).
 */
export function setupTracing(serviceName: string, env: Record<string, string | undefined> = process.env) {
  if (!registered) {
    const exporting = env.OTEL_SDK_DISABLED?.trim().toLowerCase() !== "true" && otlpTracesUrl(env) !== undefined;
    if (exporting) {
      const provider = createTracerProvider(serviceName, env);
      provider.register();
      registered = provider;
    } else registered = registerIdOnly();
  }
  return registered;
}

/** Exports the spans still waiting in the batch (a service closing); nothing when nothing is exported. */
export async function flushTraces(): Promise<void> {
  if (registered instanceof NodeTracerProvider) await registered.forceFlush().catch(() => {});
}

/** The tracer service-kit's server spans come from. */
export function kitTracer() {
  return trace.getTracer("@jeeves/service-kit");
}
