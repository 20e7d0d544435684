import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from "fastify";
import fp from "fastify-plugin";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { TokenVerifier } from "./auth/token-verifier.ts";
import { InvalidTokenError } from "./auth/token-verifier.ts";

/**
 * Prometheus metrics of a service (prom-client): one registry per app, so each service of the
 * one-process suite shows its own at `GET /metrics`; the process metrics (`collectDefaultMetrics`) are
 * collected once per process and merged into every app's answer. Labels are bounded: the route is the
 * route's pattern (never the raw URL), routing keys are cut to their first three words.
 */

/** One metric the services define, as the deploy files (rules, dashboard) may name it. */
export interface MetricDefinition {
  name: string;
  type: "counter" | "histogram" | "gauge";
  help: string;
  labelNames: readonly string[];
}

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Every metric a Jeeves service defines besides the process metrics (the deploy tests check names against it). */
export const METRIC_DEFINITIONS = [
  {
    name: "http_request_duration_seconds",
    type: "histogram",
    help: "HTTP requests served, by route pattern, method and status code.",
    labelNames: ["route", "method", "status_code"],
  },
  {
    name: "jeeves_bus_messages_published_total",
    type: "counter",
    help: "Bus messages published, by routing key.",
    labelNames: ["routing_key"],
  },
  {
    name: "jeeves_bus_messages_consumed_total",
    type: "counter",
    help: "Bus messages handled successfully, by routing key and group.",
    labelNames: ["routing_key", "group"],
  },
  {
    name: "jeeves_bus_messages_retried_total",
    type: "counter",
    help: "Bus messages whose handler failed and that will be delivered again, by routing key and group.",
    labelNames: ["routing_key", "group"],
  },
  {
    name: "jeeves_bus_messages_dead_lettered_total",
    type: "counter",
    help: "Bus messages whose handler failed for the last time (moved to the dead letters), by routing key and group.",
    labelNames: ["routing_key", "group"],
  },
  {
    name: "jeeves_bus_dead_letters",
    type: "gauge",
    help: "Dead letters the bus holds now (`npm run dead-letters -- list`): on RabbitMQ those of this service's groups, in-process all of the process's.",
    labelNames: [],
  },
  {
    name: "jeeves_outbound_requests_total",
    type: "counter",
    help: "Outbound HTTP requests, by target and outcome (ok, 4xx, 5xx, timeout, error).",
    labelNames: ["target", "outcome"],
  },
  {
    name: "jeeves_outbound_request_duration_seconds",
    type: "histogram",
    help: "Outbound HTTP request durations, by target and outcome.",
    labelNames: ["target", "outcome"],
  },
  {
    name: "jeeves_cache_requests_total",
    type: "counter",
    help: "Cache lookups, by cache and result (hit, miss).",
    labelNames: ["cache", "result"],
  },
  {
    name: "jeeves_token_verifications_total",
    type: "counter",
    help: "Bearer token verifications, by result (ok, invalid, error).",
    labelNames: ["result"],
  },
  {
    name: "jeeves_alerts_due_total",
    type: "counter",
    help: "Scheduled weather alerts found due by the scheduler's ticks (sent, claimed by another replica, skipped or failed).",
    labelNames: [],
  },
  {
    name: "jeeves_alerts_sent_total",
    type: "counter",
    help: "Scheduled weather alerts sent, by result (ok, failed).",
    labelNames: ["result"],
  },
] as const satisfies readonly MetricDefinition[];

type MetricName = (typeof METRIC_DEFINITIONS)[number]["name"];

/** The outcome of an outbound request, as the metrics label it. */
export type OutboundOutcome = "ok" | "4xx" | "5xx" | "timeout" | "error";

/** What the bus reports (the bus package's BusObserver, structurally). */
export interface BusMetricsObserver {
  published(routingKey: string): void;
  consumed(routingKey: string, group: string): void;
  retried(routingKey: string, group: string): void;
  deadLettered(routingKey: string, group: string): void;
}

/** Counts outbound requests to one target. */
export interface OutboundMetricsObserver {
  observe(outcome: OutboundOutcome, seconds: number): void;
}

/** A service's metrics: the registry and the hooks the service's parts call. */
export interface AppMetrics {
  readonly registry: Registry;
  /** `http_request_duration_seconds` (metricsPlugin observes every request in it). */
  readonly requestDuration: Histogram<string>;
  /** The Content-Type of `text()`: the text exposition format 0.0.4. */
  readonly contentType: string;
  /** The app's metrics and the process metrics in the text format. */
  text(): Promise<string>;
  /** The bus observer to pass to the bus package's `observeBus`. */
  readonly bus: BusMetricsObserver;
  /** The outbound observer of one target (slack, openweathermap, a service's name). */
  outbound(target: string): OutboundMetricsObserver;
  /** Counts a lookup of the named cache. */
  cache(name: string, hit: boolean): void;
  /** Counts a bearer token verification. */
  tokenVerification(result: "ok" | "invalid" | "error"): void;
  /** Counts scheduled alerts sent (`ok`) or that failed (`failed`). */
  alertsSent(result: "ok" | "failed", count: number): void;
  /** Counts scheduled alerts found due. */
  alertsDue(count: number): void;
  /** Reports `jeeves_bus_dead_letters` from `count` (the bus's `deadLetterCount`), read at each scrape. */
  deadLetters(count: () => Promise<number>): void;
}

declare module "fastify" {
  interface FastifyInstance {
    /** The service's Prometheus metrics (see metrics.ts). */
    metrics: AppMetrics;
  }
}

let processRegistry: Registry | undefined;

/** The process metrics' registry, collected once per process. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

function definition(name: MetricName): MetricDefinition {
  return METRIC_DEFINITIONS.find((metric) => metric.name === name) as MetricDefinition;
}

function counter(registry: Registry, name: MetricName): Counter<string> {
  const { help, labelNames } = definition(name);
  return new Counter({ name, help, labelNames: [...labelNames], registers: [registry] });
}

function histogram(registry: Registry, name: MetricName): Histogram<string> {
  const { help, labelNames } = definition(name);
  return new Histogram({ name, help, labelNames: [...labelNames], buckets: DURATION_BUCKETS, registers: [registry] });
}

/** A child per label values, created once (no label object built per observation). */
function childCache<T>(make: (key: string) => T): (key: string) => T {
  const children = new Map<string, T>();
  return (key) => {
    let child = children.get(key);
    if (child === undefined) {
      child = make(key);
      children.set(key, child);
    }
    return child;
  };
}

/** A routing key's label: at most its first three words (`chat.reply.local.<replica>` → `chat.reply.local`). */
export function routingKeyLabel(routingKey: string): string {
  const words = routingKey.split(".", 4);
  return words.length > 3 ? words.slice(0, 3).join(".") : routingKey;
}

/** Creates a service's metrics in a registry of its own. */
export function createAppMetrics(): AppMetrics {
  const registry = new Registry();
  const requestDuration = histogram(registry, "http_request_duration_seconds");
  const published = counter(registry, "jeeves_bus_messages_published_total");
  const consumed = counter(registry, "jeeves_bus_messages_consumed_total");
  const retried = counter(registry, "jeeves_bus_messages_retried_total");
  const deadLettered = counter(registry, "jeeves_bus_messages_dead_lettered_total");
  const outboundCount = counter(registry, "jeeves_outbound_requests_total");
  const outboundDuration = histogram(registry, "jeeves_outbound_request_duration_seconds");
  const cacheRequests = counter(registry, "jeeves_cache_requests_total");
  const verifications = counter(registry, "jeeves_token_verifications_total");
  const alerts = counter(registry, "jeeves_alerts_sent_total");
  const due = counter(registry, "jeeves_alerts_due_total");
  let deadLetterSource: (() => Promise<number>) | undefined;
  new Gauge({
    name: "jeeves_bus_dead_letters",
    help: definition("jeeves_bus_dead_letters").help,
    registers: [registry],
    async collect() {
      // A bus that cannot be read now leaves the last value: a scrape never fails for it.
      if (deadLetterSource) this.set(await deadLetterSource().catch(() => Number.NaN));
    },
  });
  const grouped = (metric: Counter<string>) => {
    const children = new Map<string, Map<string, Counter.Internal>>();
    return (routingKey: string, group: string) => {
      let byGroup = children.get(routingKey);
      if (!byGroup) {
        byGroup = new Map();
        children.set(routingKey, byGroup);
      }
      let child = byGroup.get(group);
      if (!child) {
        child = metric.labels({ routing_key: routingKeyLabel(routingKey), group });
        byGroup.set(group, child);
      }
      child.inc();
    };
  };
  const publishedChild = childCache((key) => published.labels({ routing_key: routingKeyLabel(key) }));
  const outboundObservers = childCache((target): OutboundMetricsObserver => {
    const counts = childCache((outcome) => outboundCount.labels({ target, outcome }));
    const durations = childCache((outcome) => outboundDuration.labels({ target, outcome }));
    return {
      observe(outcome, seconds) {
        counts(outcome).inc();
        durations(outcome).observe(seconds);
      },
    };
  });
  const cacheHits = childCache((cache) => cacheRequests.labels({ cache, result: "hit" }));
  const cacheMisses = childCache((cache) => cacheRequests.labels({ cache, result: "miss" }));
  const verificationChild = childCache((result) => verifications.labels({ result }));
  const alertChild = childCache((result) => alerts.labels({ result }));
  return {
    registry,
    requestDuration,
    contentType: registry.contentType,
    async text() {
      return Registry.merge([processMetrics(), registry]).metrics();
    },
    bus: {
      published: (routingKey) => publishedChild(routingKey).inc(),
      consumed: grouped(consumed),
      retried: grouped(retried),
      deadLettered: grouped(deadLettered),
    },
    outbound: outboundObservers,
    cache: (name, hit) => (hit ? cacheHits(name) : cacheMisses(name)).inc(),
    tokenVerification: (result) => verificationChild(result).inc(),
    alertsSent: (result, count) => alertChild(result).inc(count),
    alertsDue: (count) => due.inc(count),
    deadLetters: (count) => {
      deadLetterSource = count;
    },
  };
}

/** A verifier that counts its verifications in `metrics` (ok, invalid, error). */
export function countingVerifier(verifier: TokenVerifier, metrics: AppMetrics): TokenVerifier {
  return {
    known(token) {
      const verified = verifier.known?.(token);
      if (verified) metrics.tokenVerification("ok");
      return verified;
    },
    async verify(token) {
      try {
        const verified = await verifier.verify(token);
        metrics.tokenVerification("ok");
        return verified;
      } catch (error) {
        metrics.tokenVerification(error instanceof InvalidTokenError ? "invalid" : "error");
        throw error;
      }
    },
  };
}

/**
 * Decorates the app with `metrics` and times every request in `http_request_duration_seconds` by the
 * route's pattern (`unmatched` for a request no route takes), method and status code.
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance) => {
    const metrics = createAppMetrics();
    app.decorate("metrics", metrics);
    const duration = metrics.requestDuration;
    // route → method → status → child: no label object or key string built per request.
    const children = new Map<string, Map<string, Map<number, Histogram.Internal<string>>>>();
    const child = (route: string, method: string, status: number) => {
      let byMethod = children.get(route);
      if (!byMethod) {
        byMethod = new Map();
        children.set(route, byMethod);
      }
      let byStatus = byMethod.get(method);
      if (!byStatus) {
        byStatus = new Map();
        byMethod.set(method, byStatus);
      }
      let found = byStatus.get(status);
      if (!found) {
        found = duration.labels({ route, method, status_code: String(status) });
        byStatus.set(status, found);
      }
      return found;
    };
    app.addHook("onResponse", (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
      child(request.routeOptions.url ?? "unmatched", request.method, reply.statusCode).observe(
        reply.elapsedTime / 1000,
      );
      done();
    });
  },
  { name: "jeeves-metrics" },
);

/**
 * The `getMetrics` handler every service puts in its table: the app's metrics in the text format.
 * Unauthenticated (Prometheus scrapes without a token); the deploy files keep the port internal.
 */
export async function getMetrics(
  _request: unknown,
  context: { app: FastifyInstance },
): Promise<{ status: 200; body: string }> {
  return { status: 200, body: await context.app.metrics.text() };
}
