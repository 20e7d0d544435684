import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { SERVICE_MANIFESTS } from "@jeeves/manifest";
import { createAppMetrics } from "@jeeves/service-kit";
import { parser } from "@prometheus-io/lezer-promql";
import { parse } from "yaml";
import { DEPLOY } from "./deploy-files.ts";

const MONITORING = join(DEPLOY, "monitoring");

/** Series Prometheus makes itself for every target. */
const SYNTHETIC = ["up", "scrape_duration_seconds", "scrape_samples_scraped"];

/**
 * Every series name a service exposes, from the registry the services use (its `# TYPE` lines, with a
 * histogram's `_bucket`, `_sum` and `_count`), process metrics included.
 */
async function exposedNames(): Promise<Set<string>> {
  const text = await createAppMetrics().text();
  const names = new Set(SYNTHETIC);
  for (const match of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    const [, name, type] = match;
    if (type === "histogram") for (const suffix of ["_bucket", "_sum", "_count"]) names.add(name + suffix);
    else if (type === "summary") for (const suffix of ["", "_sum", "_count"]) names.add(name + suffix);
    else names.add(name);
  }
  return names;
}

/** Parses a PromQL expression (failing on any syntax error) and answers the metric names it selects. */
function metricNames(expr: string): string[] {
  const tree = parser.parse(expr);
  const names: string[] = [];
  const cursor = tree.cursor();
  do {
    assert.ok(!cursor.type.isError, `PromQL syntax error at ${cursor.from} in: ${expr}`);
    if (cursor.name === "Identifier") {
      const node = cursor.node;
      if (node.parent?.name === "VectorSelector") names.push(expr.slice(cursor.from, cursor.to));
    }
  } while (cursor.next());
  return names;
}

async function readYaml(name: string): Promise<Record<string, unknown>> {
  return parse(await readFile(join(MONITORING, name), "utf8")) as Record<string, unknown>;
}

describe("the monitoring files", () => {
  it("the PromQL check itself refuses a broken expression and finds the selected names", () => {
    assert.throws(() => metricNames("sum(rate(http_request_duration_seconds_count[5m])"));
    assert.deepEqual(metricNames('rate(a_total{x="1"}[5m]) / on(job) b'), ["a_total", "b"]);
  });

  it("the Compose scrape configuration names every service at its port, with the rules", async () => {
    const config = (await readYaml("prometheus-compose.yml")) as {
      rule_files: string[];
      scrape_configs: { metrics_path: string; static_configs: { targets: string[]; labels: { service: string } }[] }[];
    };
    assert.deepEqual(config.rule_files, ["rules.yml"]);
    const [job] = config.scrape_configs;
    assert.equal(job.metrics_path, "/metrics");
    assert.deepEqual(
      job.static_configs.map((c) => [c.labels.service, c.targets]),
      SERVICE_MANIFESTS.map((s) => [s.name, [`${s.name}:${s.port.default}`]]),
    );
  });

  it("the Kubernetes scrape configuration keeps the annotated pods, and every Deployment is annotated", async () => {
    const config = (await readYaml("prometheus-kubernetes.yml")) as {
      scrape_configs: { kubernetes_sd_configs: unknown[]; relabel_configs: { action: string; regex?: string }[] }[];
    };
    const [job] = config.scrape_configs;
    assert.equal(job.kubernetes_sd_configs.length, 1);
    assert.ok(job.relabel_configs.some((r) => r.action === "keep" && r.regex === "true"));
    for (const service of SERVICE_MANIFESTS) {
      const text = await readFile(join(DEPLOY, "k8s", `${service.name}.yaml`), "utf8");
      assert.match(text, /prometheus\.io\/scrape: "true"/, service.name);
      assert.match(text, new RegExp(`prometheus\\.io/port: "${service.port.default}"`), service.name);
    }
  });

  it("every alerting rule parses and names only metrics the services expose", async () => {
    const known = await exposedNames();
    const rules = (await readYaml("rules.yml")) as {
      groups: { rules: { alert: string; expr: string; for: string; annotations: { summary: string } }[] }[];
    };
    const all = rules.groups.flatMap((g) => g.rules);
    const alerts = all.map((r) => r.alert);
    for (const wanted of [
      "JeevesDeadLettersGrowing",
      "JeevesHigh5xxRate",
      "JeevesSlackAcknowledgementSlow",
      "JeevesAlertsNotSent",
    ]) {
      assert.ok(alerts.includes(wanted), wanted);
    }
    for (const rule of all) {
      assert.match(rule.for, /^\d+[smh]$/, rule.alert);
      assert.ok(rule.annotations.summary, rule.alert);
      const names = metricNames(rule.expr);
      assert.ok(names.length > 0, rule.alert);
      for (const name of names) assert.ok(known.has(name), `${rule.alert} names ${name}, which no service exposes`);
    }
    const slack = all.find((r) => r.alert === "JeevesSlackAcknowledgementSlow");
    assert.match(String(slack?.expr), /histogram_quantile\(0\.99,.*route="\/slack\/events".*> 1$/);
  });

  it("the Grafana dashboard is valid JSON whose queries parse and name only exposed metrics", async () => {
    const known = await exposedNames();
    const dashboard = JSON.parse(await readFile(join(MONITORING, "grafana-dashboard.json"), "utf8")) as {
      uid: string;
      panels: { id: number; title: string; targets: { expr: string; refId: string }[] }[];
    };
    assert.equal(dashboard.uid, "jeeves-overview");
    assert.equal(new Set(dashboard.panels.map((p) => p.id)).size, dashboard.panels.length);
    const used = new Set<string>();
    for (const panel of dashboard.panels) {
      assert.ok(panel.targets.length > 0, panel.title);
      for (const target of panel.targets) {
        // Grafana's `$service` variable is replaced before Prometheus sees the query.
        const names = metricNames(target.expr.replaceAll("$service", ".*"));
        for (const name of names) {
          assert.ok(known.has(name), `${panel.title} names ${name}, which no service exposes`);
          used.add(name);
        }
      }
    }
    for (const wanted of [
      "http_request_duration_seconds_count",
      "jeeves_bus_messages_published_total",
      "jeeves_bus_messages_dead_lettered_total",
      "jeeves_outbound_requests_total",
      "jeeves_cache_requests_total",
    ]) {
      assert.ok(used.has(wanted), `the dashboard shows ${wanted}`);
    }
  });
});
