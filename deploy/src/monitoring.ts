import type { ServiceManifest } from "@jeeves/manifest";
import { NAMESPACE } from "./layout.ts";

/**
 * The monitoring files (deploy/monitoring/): Prometheus scrape configurations for Compose and for
 * Kubernetes, the alerting rules and a Grafana dashboard. Every service answers `GET /metrics` on its
 * own port without a token (see docs/metrics.md), so the scrape stays inside the Compose network or the
 * cluster. Each series carries `service` (the service's name).
 */

/** Where the rules are, beside the scrape configuration (Prometheus's `rule_files`). */
export const RULES_FILE = "rules.yml";

/** How often Prometheus scrapes and evaluates the rules. */
const INTERVAL = "15s";

/** The scrape configuration for deploy/compose.yaml: each service by its Compose name and port. */
export function composeScrapeConfig(services: readonly ServiceManifest[]): unknown {
  return {
    global: { scrape_interval: INTERVAL, evaluation_interval: INTERVAL },
    rule_files: [RULES_FILE],
    scrape_configs: [
      {
        job_name: "jeeves",
        metrics_path: "/metrics",
        static_configs: services.map((service) => ({
          targets: [`${service.name}:${service.port.default}`],
          labels: { service: service.name },
        })),
      },
    ],
  };
}

/**
 * The scrape configuration for the cluster: the pods of the `jeeves` namespace annotated
 * `prometheus.io/scrape: "true"` (the Deployments of k8s/ are), at the port and path of their
 * annotations, labelled with their `app.kubernetes.io/name` as `service`.
 */
export function kubernetesScrapeConfig(): unknown {
  return {
    global: { scrape_interval: INTERVAL, evaluation_interval: INTERVAL },
    rule_files: [RULES_FILE],
    scrape_configs: [
      {
        job_name: "jeeves",
        kubernetes_sd_configs: [{ role: "pod", namespaces: { names: [NAMESPACE] } }],
        relabel_configs: [
          { source_labels: ["__meta_kubernetes_pod_annotation_prometheus_io_scrape"], action: "keep", regex: "true" },
          {
            source_labels: ["__meta_kubernetes_pod_annotation_prometheus_io_path"],
            action: "replace",
            target_label: "__metrics_path__",
            regex: "(.+)",
          },
          {
            source_labels: ["__address__", "__meta_kubernetes_pod_annotation_prometheus_io_port"],
            action: "replace",
            regex: "([^:]+)(?::\\d+)?;(\\d+)",
            replacement: "$1:$2",
            target_label: "__address__",
          },
          {
            source_labels: ["__meta_kubernetes_pod_label_app_kubernetes_io_name"],
            action: "replace",
            target_label: "service",
          },
          { source_labels: ["__meta_kubernetes_pod_name"], action: "replace", target_label: "pod" },
        ],
      },
    ],
  };
}

/** The pod annotations the Kubernetes scrape configuration keeps. */
export function scrapeAnnotations(service: ServiceManifest): Record<string, string> {
  return {
    "prometheus.io/scrape": "true",
    "prometheus.io/port": String(service.port.default),
    "prometheus.io/path": "/metrics",
  };
}

/** One alerting rule. */
interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: "page" | "ticket" };
  annotations: { summary: string; description: string };
}

/** The alerting rules: dead letters growing, 5xx rate, Slack acknowledgement p99, alerts not sent, targets down. */
export function alertRules(): { groups: { name: string; rules: AlertRule[] }[] } {
  const rules: AlertRule[] = [
    {
      alert: "JeevesTargetDown",
      expr: 'up{job="jeeves"} == 0',
      for: "5m",
      labels: { severity: "page" },
      annotations: {
        summary: "{{ $labels.service }} does not answer /metrics",
        description: "Prometheus could not scrape {{ $labels.instance }} for 5 minutes.",
      },
    },
    {
      alert: "JeevesDeadLettersGrowing",
      expr: "sum by (service, routing_key, group) (increase(jeeves_bus_messages_dead_lettered_total[15m])) > 0",
      for: "0m",
      labels: { severity: "ticket" },
      annotations: {
        summary: "Messages dead-lettered on {{ $labels.routing_key }} (group {{ $labels.group }})",
        description:
          "{{ $value }} messages went to the dead letters in 15 minutes: list them with `npm run dead-letters -- list`.",
      },
    },
    {
      alert: "JeevesHigh5xxRate",
      expr:
        'sum by (service) (rate(http_request_duration_seconds_count{status_code=~"5.."}[5m]))' +
        " / sum by (service) (rate(http_request_duration_seconds_count[5m])) > 0.05",
      for: "10m",
      labels: { severity: "page" },
      annotations: {
        summary: "{{ $labels.service }} answers more than 5% of its requests with 5xx",
        description: "{{ $value | humanizePercentage }} of the requests answered 5xx over 5 minutes.",
      },
    },
    {
      alert: "JeevesSlackAcknowledgementSlow",
      expr:
        "histogram_quantile(0.99, sum by (le) (rate(" +
        'http_request_duration_seconds_bucket{service="slackbot",route="/slack/events",method="POST"}[5m]))) > 1',
      for: "10m",
      labels: { severity: "page" },
      annotations: {
        summary: "The slackbot acknowledges Slack events slower than 1 s (p99)",
        description: "Slack retries events it does not see acknowledged within 3 s; the p99 is {{ $value }} s.",
      },
    },
    {
      alert: "JeevesAlertsFailing",
      expr: 'sum(increase(jeeves_alerts_sent_total{result="failed"}[30m])) > 0',
      for: "0m",
      labels: { severity: "ticket" },
      annotations: {
        summary: "The scheduler failed to send weather alerts",
        description: "{{ $value }} due alerts could not be claimed or published in 30 minutes.",
      },
    },
    {
      alert: "JeevesAlertsNotSent",
      expr:
        "sum(increase(jeeves_alerts_due_total[30m])) > 0" +
        ' unless sum(increase(jeeves_alerts_sent_total{result="ok"}[30m])) > 0',
      for: "15m",
      labels: { severity: "page" },
      annotations: {
        summary: "Weather alerts are due but none is sent",
        description: "The scheduler found alerts due in the last 30 minutes and sent none of them.",
      },
    },
    {
      alert: "JeevesOutboundFailing",
      expr:
        'sum by (service, target) (rate(jeeves_outbound_requests_total{outcome=~"5xx|timeout|error"}[5m]))' +
        " / sum by (service, target) (rate(jeeves_outbound_requests_total[5m])) > 0.2",
      for: "10m",
      labels: { severity: "ticket" },
      annotations: {
        summary: "{{ $labels.service }}'s calls to {{ $labels.target }} fail",
        description: "{{ $value | humanizePercentage }} of the calls failed (5xx, timeout or error) over 5 minutes.",
      },
    },
  ];
  return { groups: [{ name: "jeeves", rules }] };
}

/** The dashboard's Prometheus, chosen in its `datasource` variable. */
const DATASOURCE = { type: "prometheus", uid: "$datasource" };

/** One time-series panel of the dashboard. */
function panel(
  id: number,
  title: string,
  unit: string,
  targets: [expr: string, legend: string][],
  x: number,
  y: number,
) {
  return {
    id,
    type: "timeseries",
    title,
    datasource: DATASOURCE,
    gridPos: { h: 8, w: 12, x, y },
    fieldConfig: { defaults: { unit }, overrides: [] },
    options: { legend: { displayMode: "list", placement: "bottom" }, tooltip: { mode: "multi" } },
    targets: targets.map(([expr, legendFormat], index) => ({
      refId: String.fromCharCode(65 + index),
      datasource: DATASOURCE,
      expr,
      legendFormat,
    })),
  };
}

/** The Grafana dashboard: requests, latency and errors per service, the bus, dead letters, outbound calls, the caches. */
export function grafanaDashboard(): unknown {
  const sel = 'service=~"$service"';
  const panels: [string, string, [string, string][]][] = [
    [
      "Requests per second",
      "reqps",
      [[`sum by (service) (rate(http_request_duration_seconds_count{${sel}}[5m]))`, "{{service}}"]],
    ],
    [
      "Latency p99",
      "s",
      [
        [
          `histogram_quantile(0.99, sum by (service, le) (rate(http_request_duration_seconds_bucket{${sel}}[5m])))`,
          "{{service}}",
        ],
      ],
    ],
    [
      "5xx ratio",
      "percentunit",
      [
        [
          `sum by (service) (rate(http_request_duration_seconds_count{${sel},status_code=~"5.."}[5m])) / sum by (service) (rate(http_request_duration_seconds_count{${sel}}[5m]))`,
          "{{service}}",
        ],
      ],
    ],
    [
      "Slack acknowledgement p99 (POST /slack/events)",
      "s",
      [
        [
          'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="slackbot",route="/slack/events"}[5m])))',
          "p99",
        ],
      ],
    ],
    [
      "Bus flow",
      "ops",
      [
        [`sum by (routing_key) (rate(jeeves_bus_messages_published_total{${sel}}[5m]))`, "published {{routing_key}}"],
        [
          `sum by (routing_key, group) (rate(jeeves_bus_messages_consumed_total{${sel}}[5m]))`,
          "consumed {{routing_key}} ({{group}})",
        ],
        [
          `sum by (routing_key, group) (rate(jeeves_bus_messages_retried_total{${sel}}[5m]))`,
          "retried {{routing_key}} ({{group}})",
        ],
      ],
    ],
    [
      "Dead letters (per hour)",
      "short",
      [
        [
          `sum by (routing_key, group) (increase(jeeves_bus_messages_dead_lettered_total{${sel}}[1h]))`,
          "{{routing_key}} ({{group}})",
        ],
      ],
    ],
    [
      "Outbound calls by outcome",
      "reqps",
      [
        [
          `sum by (service, target, outcome) (rate(jeeves_outbound_requests_total{${sel}}[5m]))`,
          "{{service}} → {{target}} {{outcome}}",
        ],
      ],
    ],
    [
      "Outbound latency p99",
      "s",
      [
        [
          `histogram_quantile(0.99, sum by (target, le) (rate(jeeves_outbound_request_duration_seconds_bucket{${sel}}[5m])))`,
          "{{target}}",
        ],
      ],
    ],
    [
      "Cache hit ratio",
      "percentunit",
      [
        [
          `sum by (cache) (rate(jeeves_cache_requests_total{${sel},result="hit"}[5m])) / sum by (cache) (rate(jeeves_cache_requests_total{${sel}}[5m]))`,
          "{{cache}}",
        ],
      ],
    ],
    [
      "Token verifications",
      "ops",
      [[`sum by (service, result) (rate(jeeves_token_verifications_total{${sel}}[5m]))`, "{{service}} {{result}}"]],
    ],
    [
      "Alerts due and sent (per hour)",
      "short",
      [
        ["sum(increase(jeeves_alerts_due_total[1h]))", "due"],
        ["sum by (result) (increase(jeeves_alerts_sent_total[1h]))", "sent {{result}}"],
      ],
    ],
    ["Resident memory", "bytes", [[`sum by (service) (process_resident_memory_bytes{${sel}})`, "{{service}}"]]],
  ];
  return {
    title: "Jeeves",
    uid: "jeeves-overview",
    tags: ["jeeves"],
    timezone: "utc",
    schemaVersion: 39,
    version: 1,
    refresh: "30s",
    time: { from: "now-6h", to: "now" },
    templating: {
      list: [
        { name: "datasource", type: "datasource", query: "prometheus", label: "Prometheus" },
        {
          name: "service",
          type: "query",
          label: "Service",
          datasource: DATASOURCE,
          query: 'label_values(up{job="jeeves"}, service)',
          includeAll: true,
          multi: true,
          current: { text: "All", value: "$__all" },
          refresh: 2,
        },
      ],
    },
    panels: panels.map(([title, unit, targets], index) =>
      panel(index + 1, title, unit, targets, (index % 2) * 12, Math.floor(index / 2) * 8),
    ),
  };
}
