import type { ServiceManifest } from "@jeeves/manifest";
import { stringify } from "yaml";
import { composeFile, envExample } from "./compose.ts";
import { configMapObject, kustomization, namespaceObject, serviceObjects } from "./kubernetes.ts";
import { GENERATED_HEADER } from "./layout.ts";
import { alertRules, composeScrapeConfig, grafanaDashboard, kubernetesScrapeConfig } from "./monitoring.ts";
import { checkTokenDealer, createClientSecretsScript } from "./tokendealer.ts";
import { deployVariables } from "./variables.ts";

/**
 * Writes YAML documents as one file: the header, then each document (`---` between them), no anchors.
 * YAML 1.1 quoting, as Compose and kubectl read YAML 1.1 (an unquoted `yes` would be a boolean there).
 */
export function yamlFile(documents: readonly unknown[]): string {
  const body = documents
    .map((document) => stringify(document, { version: "1.1", aliasDuplicateObjects: false, lineWidth: 0 }))
    .join("---\n");
  return `${GENERATED_HEADER}\n${body}`;
}

/**
 * Every generated deploy file, by path below deploy/: compose.yaml and env.example, and in k8s/ the
 * kustomization, the namespace, the ConfigMap, one file per service and the client secrets script; in
 * monitoring/ the Prometheus scrape configurations, the alerting rules and the Grafana dashboard.
 * Throws when a service's manifest asks for something the deploy files cannot give (a required
 * variable without a source, a client without a TokenDealer data folder).
 */
export function renderDeployFiles(
  services: readonly ServiceManifest[],
  versions: Readonly<Record<string, string>>,
): Map<string, string> {
  checkTokenDealer(services);
  for (const service of services) {
    deployVariables(service, services);
    if (!versions[service.name]) throw new Error(`${service.name}: no version for its image`);
  }
  const files = new Map<string, string>();
  const compose = composeFile(services, versions);
  files.set("compose.yaml", yamlFile([compose.document]));
  files.set("env.example", envExample(compose.environment, GENERATED_HEADER));
  files.set("k8s/kustomization.yaml", yamlFile([kustomization(services, versions)]));
  files.set("k8s/namespace.yaml", yamlFile([namespaceObject()]));
  files.set("k8s/config.yaml", yamlFile([configMapObject(services)]));
  for (const service of services) {
    files.set(`k8s/${service.name}.yaml`, yamlFile(serviceObjects(service, services, versions[service.name])));
  }
  files.set("k8s/create-client-secrets.sh", createClientSecretsScript(services, GENERATED_HEADER));
  // Prometheus and Grafana (monitoring.ts): the JSON has no comments, so no header.
  files.set("monitoring/prometheus-compose.yml", yamlFile([composeScrapeConfig(services)]));
  files.set("monitoring/prometheus-kubernetes.yml", yamlFile([kubernetesScrapeConfig()]));
  files.set("monitoring/rules.yml", yamlFile([alertRules()]));
  files.set("monitoring/grafana-dashboard.json", `${JSON.stringify(grafanaDashboard(), null, 2)}\n`);
  return files;
}
