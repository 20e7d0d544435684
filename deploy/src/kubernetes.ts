import type { ServiceManifest } from "@jeeves/manifest";
import type { IDeployment } from "kubernetes-models/apps/v1";
import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1";
import type { IConfigMap, IEnvVar, INamespace, IPersistentVolumeClaim, IService } from "kubernetes-models/v1";
import {
  AUTOSCALING,
  CLIENT_SECRETS,
  CONFIG_MAP,
  DATA_VOLUME_SIZE,
  dataDir,
  imageName,
  NAMESPACE,
  NODE_UID,
  RESOURCES,
  SECRETS,
  serviceUrl,
} from "./layout.ts";
import { scrapeAnnotations } from "./monitoring.ts";
import { deployVariables, urlVariable } from "./variables.ts";

/** A Kubernetes object the generator writes. */
export type KubernetesObject =
  | INamespace
  | IConfigMap
  | IPersistentVolumeClaim
  | IDeployment
  | IService
  | IHorizontalPodAutoscaler
  | IPodDisruptionBudget;

/** The labels that select a service's pods (and that its Service, HPA and PDB use). */
export function selectorLabels(service: string): Record<string, string> {
  return { "app.kubernetes.io/name": service, "app.kubernetes.io/part-of": NAMESPACE };
}

function metadata(name: string, service?: string) {
  return {
    name,
    namespace: NAMESPACE,
    labels: service ? selectorLabels(service) : { "app.kubernetes.io/part-of": NAMESPACE },
  };
}

/** The namespace; its pods must meet the `restricted` Pod Security Standard (theirs do). */
export function namespaceObject(): INamespace {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: NAMESPACE,
      labels: { "app.kubernetes.io/part-of": NAMESPACE, "pod-security.kubernetes.io/enforce": "restricted" },
    },
  };
}

/** The ConfigMap: each service's URL in the cluster (`<NAME>_URL`) and LOG_LEVEL. Nothing secret. */
export function configMapObject(services: readonly ServiceManifest[]): IConfigMap {
  const data: Record<string, string> = { LOG_LEVEL: "info" };
  for (const service of services) data[urlVariable(service.name)] = serviceUrl(service);
  return { apiVersion: "v1", kind: "ConfigMap", metadata: metadata(CONFIG_MAP), data };
}

/** The environment of a service's container: its port, data folder, then each variable from the ConfigMap or a Secret. */
export function containerEnv(service: ServiceManifest, services: readonly ServiceManifest[]): IEnvVar[] {
  const env: IEnvVar[] = [
    { name: "PORT", value: String(service.port.default) },
    { name: "HOST", value: "0.0.0.0" },
  ];
  if (service.dataDir) env.push({ name: "DATA_DIR", value: dataDir(service.name) });
  env.push({ name: "LOG_LEVEL", valueFrom: { configMapKeyRef: { name: CONFIG_MAP, key: "LOG_LEVEL" } } });
  for (const variable of deployVariables(service, services)) {
    const { name, required, source } = variable;
    if (source.kind === "service-url") {
      env.push({ name, valueFrom: { configMapKeyRef: { name: CONFIG_MAP, key: name } } });
    } else {
      const secret = source.kind === "client-secret" ? CLIENT_SECRETS : SECRETS;
      // An optional secret may be left out of the Secret: the service then uses its embedded default.
      env.push({
        name,
        valueFrom: { secretKeyRef: { name: secret, key: name, ...(required ? {} : { optional: true }) } },
      });
    }
  }
  return env;
}

/**
 * The Deployment of a service. Replicated: rolling updates that keep every ready pod until its successor
 * is ready; the replica count is the autoscaler's. Single: one replica, replaced (Recreate) so that two
 * never share its data volume.
 */
export function deploymentObject(
  service: ServiceManifest,
  services: readonly ServiceManifest[],
  version: string,
): IDeployment {
  const single = service.scaling === "single";
  const probe = (path: string) => ({ httpGet: { path, port: "http" } });
  const volumeMounts = [{ name: "tmp", mountPath: "/tmp" }];
  const volumes: NonNullable<NonNullable<IDeployment["spec"]>["template"]["spec"]>["volumes"] = [
    { name: "tmp", emptyDir: {} },
  ];
  if (service.dataDir) {
    volumeMounts.push({ name: "data", mountPath: dataDir(service.name) });
    volumes.push({ name: "data", persistentVolumeClaim: { claimName: `${service.name}-data` } });
  }
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: metadata(service.name, service.name),
    spec: {
      ...(single ? { replicas: 1 } : {}),
      revisionHistoryLimit: 5,
      selector: { matchLabels: selectorLabels(service.name) },
      strategy: single
        ? { type: "Recreate" }
        : { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        // Scraped by deploy/monitoring/prometheus-kubernetes.yml.
        metadata: { labels: selectorLabels(service.name), annotations: scrapeAnnotations(service) },
        spec: {
          automountServiceAccountToken: false,
          // No `<SERVICE>_PORT=tcp://...` variables: the services read their own.
          enableServiceLinks: false,
          terminationGracePeriodSeconds: 30,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: NODE_UID,
            runAsGroup: NODE_UID,
            fsGroup: NODE_UID,
            seccompProfile: { type: "RuntimeDefault" },
          },
          containers: [
            {
              name: service.name,
              image: `${imageName(service.name)}:${version}`,
              imagePullPolicy: "IfNotPresent",
              ports: [{ name: "http", containerPort: service.port.default, protocol: "TCP" }],
              env: containerEnv(service, services),
              resources: {
                requests: { ...RESOURCES.requests },
                limits: { ...RESOURCES.limits },
              },
              // Up to two minutes to start (STARTUP_CONNECT_* retries to the broker and the database).
              startupProbe: { ...probe(service.probes.liveness), periodSeconds: 2, failureThreshold: 60 },
              livenessProbe: {
                ...probe(service.probes.liveness),
                periodSeconds: 10,
                timeoutSeconds: 2,
                failureThreshold: 3,
              },
              readinessProbe: {
                ...probe(service.probes.readiness),
                periodSeconds: 5,
                timeoutSeconds: 2,
                failureThreshold: 2,
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ["ALL"] },
              },
              volumeMounts,
            },
          ],
          volumes,
        },
      },
    },
  };
}

/** The Service: the service's port in the cluster, at `http://<name>:<port>`. */
export function serviceObject(service: ServiceManifest): IService {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: metadata(service.name, service.name),
    spec: {
      type: "ClusterIP",
      selector: selectorLabels(service.name),
      ports: [{ name: "http", port: service.port.default, targetPort: "http", protocol: "TCP" }],
    },
  };
}

/** The data volume of a single service that keeps files (`dataDir`). */
export function dataVolumeObject(service: ServiceManifest): IPersistentVolumeClaim {
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: metadata(`${service.name}-data`, service.name),
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: DATA_VOLUME_SIZE } } },
  };
}

/** The autoscaler of a replicated service: on CPU, from two replicas. */
export function autoscalerObject(service: ServiceManifest): IHorizontalPodAutoscaler {
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: metadata(service.name, service.name),
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: service.name },
      minReplicas: AUTOSCALING.minReplicas,
      maxReplicas: AUTOSCALING.maxReplicas,
      metrics: [
        {
          type: "Resource",
          resource: { name: "cpu", target: { type: "Utilization", averageUtilization: AUTOSCALING.cpuUtilization } },
        },
      ],
    },
  };
}

/** The disruption budget of a replicated service: a drain keeps one of its pods running. */
export function disruptionBudgetObject(service: ServiceManifest): IPodDisruptionBudget {
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: metadata(service.name, service.name),
    spec: { minAvailable: 1, selector: { matchLabels: selectorLabels(service.name) } },
  };
}

/**
 * Every object of one service, in apply order: its data volume (single services that keep files), its
 * Deployment and Service, and, when replicated, its autoscaler and disruption budget. A single service
 * has no budget: with one replica it could only forbid every drain or allow every one.
 */
export function serviceObjects(
  service: ServiceManifest,
  services: readonly ServiceManifest[],
  version: string,
): KubernetesObject[] {
  const replicated = service.scaling === "replicated";
  return [
    ...(service.dataDir ? [dataVolumeObject(service)] : []),
    deploymentObject(service, services, version),
    serviceObject(service),
    ...(replicated ? [autoscalerObject(service), disruptionBudgetObject(service)] : []),
  ];
}

/** deploy/k8s/kustomization.yaml: the files in apply order, the namespace, and each image (to retag). */
export function kustomization(
  services: readonly ServiceManifest[],
  versions: Readonly<Record<string, string>>,
): Record<string, unknown> {
  return {
    apiVersion: "kustomize.config.k8s.io/v1beta1",
    kind: "Kustomization",
    namespace: NAMESPACE,
    resources: ["namespace.yaml", "config.yaml", ...services.map((service) => `${service.name}.yaml`)],
    images: services.map((service) => ({
      name: imageName(service.name),
      newName: imageName(service.name),
      newTag: versions[service.name],
    })),
  };
}
