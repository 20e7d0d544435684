import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { SERVICE_MANIFESTS, type ServiceManifest } from "@jeeves/manifest";
import { AUTOSCALING, CLIENT_SECRETS, CONFIG_MAP, dataDir, NAMESPACE, SECRETS } from "../src/layout.ts";
import { INFRASTRUCTURE_VARIABLES } from "../src/variables.ts";
import { configVariables, DEPLOY, deployText, deployYaml, type Json, specPaths } from "./deploy-files.ts";
import { validateKubernetesObject } from "./kubernetes-schema.ts";

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: { name: string; key: string };
    secretKeyRef?: { name: string; key: string; optional?: boolean };
  };
}

const files = readdirSync(join(DEPLOY, "k8s"))
  .filter((file) => file.endsWith(".yaml"))
  .sort();
const objects = files
  .filter((file) => file !== "kustomization.yaml")
  .flatMap((file) => deployYaml(`k8s/${file}`).map((object) => ({ file, object })));
const kustomization = deployYaml("k8s/kustomization.yaml")[0] as {
  namespace: string;
  resources: string[];
  images: { name: string; newName: string; newTag: string }[];
};
const configMap = objects.find(({ object }) => object.kind === "ConfigMap")!.object as { data: Record<string, string> };

/** Every variable any service treats as a secret: the manifests' secrets and the connection URLs. */
const SECRET_VARIABLES = new Set([
  ...SERVICE_MANIFESTS.flatMap((service) => service.variables.secrets),
  ...Object.values(INFRASTRUCTURE_VARIABLES),
]);

function find(kind: string, name: string): Json | undefined {
  return objects.find(({ object }) => object.kind === kind && (object.metadata as { name: string }).name === name)
    ?.object;
}

function podSpec(service: ServiceManifest): Json {
  const deployment = find("Deployment", service.name);
  assert.ok(deployment, `no Deployment ${service.name}`);
  return (deployment.spec as { template: { spec: Json } }).template.spec;
}

function container(service: ServiceManifest): Json & { env: EnvVar[] } {
  return (podSpec(service).containers as (Json & { env: EnvVar[] })[])[0];
}

describe("deploy/k8s", () => {
  it("parses, and every object is valid against its Kubernetes schema, in the namespace", () => {
    assert.ok(objects.length > 0);
    for (const { file, object } of objects) {
      validateKubernetesObject(object);
      const namespace = object.kind === "Namespace" ? undefined : NAMESPACE; // cluster-scoped
      assert.equal((object.metadata as { namespace?: string }).namespace, namespace, `${file}: ${object.kind}`);
    }
  });

  it("holds no Secret: secrets are only referenced, never written down", () => {
    assert.deepEqual(
      objects.filter(({ object }) => object.kind === "Secret").map(({ file }) => file),
      [],
    );
    for (const key of Object.keys(configMap.data)) {
      assert.ok(!SECRET_VARIABLES.has(key), `the ConfigMap holds the secret ${key}`);
    }
  });

  it("lists every file in the kustomization, with the namespace and each service's image", () => {
    assert.deepEqual(
      [...kustomization.resources].sort(),
      files.filter((file) => file !== "kustomization.yaml"),
    );
    assert.equal(kustomization.namespace, NAMESPACE);
    assert.deepEqual(
      kustomization.images.map((image) => image.name),
      SERVICE_MANIFESTS.map((service) => `jeeves/${service.name}`),
    );
  });

  for (const service of SERVICE_MANIFESTS) {
    describe(service.name, () => {
      it("has a Deployment running its image on its port, and a Service on that port", () => {
        const image = kustomization.images.find((entry) => entry.name === `jeeves/${service.name}`)!;
        const main = container(service);
        assert.equal(main.image, `jeeves/${service.name}:${image.newTag}`);
        assert.deepEqual(main.ports, [{ name: "http", containerPort: service.port.default, protocol: "TCP" }]);
        const kubernetesService = find("Service", service.name) as { spec: Json } | undefined;
        assert.ok(kubernetesService, `no Service ${service.name}`);
        assert.deepEqual(kubernetesService.spec.ports, [
          { name: "http", port: service.port.default, targetPort: "http", protocol: "TCP" },
        ]);
        const template = (find("Deployment", service.name)!.spec as { template: { metadata: { labels: Json } } })
          .template;
        for (const [label, value] of Object.entries(kubernetesService.spec.selector as Json)) {
          assert.equal(template.metadata.labels[label], value, `the Service does not select the pods (${label})`);
        }
        assert.equal(
          configMap.data[`${service.name.toUpperCase().replaceAll("-", "_")}_URL`],
          `http://${service.name}:${service.port.default}`,
        );
      });

      it("probes liveness and readiness on the manifest's paths, which its spec serves", () => {
        const main = container(service) as Json & Record<string, { httpGet: { path: string; port: string } }>;
        const paths = specPaths(service.name);
        assert.deepEqual(main.livenessProbe.httpGet, { path: service.probes.liveness, port: "http" });
        assert.deepEqual(main.startupProbe.httpGet, { path: service.probes.liveness, port: "http" });
        assert.deepEqual(main.readinessProbe.httpGet, { path: service.probes.readiness, port: "http" });
        assert.ok(
          paths.includes(service.probes.liveness),
          `specs/openapi/${service.name}.yaml has no ${service.probes.liveness}`,
        );
        assert.ok(
          paths.includes(service.probes.readiness),
          `specs/openapi/${service.name}.yaml has no ${service.probes.readiness}`,
        );
      });

      it("requests and limits CPU and memory for every container, and runs as non-root", () => {
        const spec = podSpec(service);
        for (const each of spec.containers as { name: string; resources: Record<string, Json> }[]) {
          for (const bound of ["requests", "limits"]) {
            assert.ok(each.resources?.[bound]?.cpu, `${each.name}: no ${bound}.cpu`);
            assert.ok(each.resources?.[bound]?.memory, `${each.name}: no ${bound}.memory`);
          }
        }
        assert.equal((spec.securityContext as Json).runAsNonRoot, true);
      });

      it("sets every required variable, secrets only from Secrets, settings only from the ConfigMap", () => {
        const env = container(service).env;
        const names = env.map((variable) => variable.name);
        for (const required of service.variables.required) {
          assert.ok(names.includes(required), `${required} is not set`);
        }
        for (const variable of env) {
          const fromConfig = variable.valueFrom?.configMapKeyRef;
          const fromSecret = variable.valueFrom?.secretKeyRef;
          if (SECRET_VARIABLES.has(variable.name)) {
            assert.ok(fromSecret, `${variable.name} is a secret but not a Secret reference`);
            assert.equal(variable.value, undefined);
          }
          if (fromSecret) {
            assert.ok(
              [SECRETS, CLIENT_SECRETS].includes(fromSecret.name),
              `${variable.name}: Secret ${fromSecret.name}`,
            );
            assert.equal(fromSecret.key, variable.name);
            assert.equal(fromSecret.optional === true, !service.variables.required.includes(variable.name));
          }
          if (fromConfig) {
            assert.equal(fromConfig.name, CONFIG_MAP);
            assert.ok(fromConfig.key in configMap.data, `the ConfigMap has no ${fromConfig.key}`);
          }
        }
      });

      it("sets only variables its configuration reads", () => {
        const known = configVariables(service.name);
        assert.ok(known.has("PORT"), `no readConfig schema found in services/${service.name}/src/config.ts`);
        const unknown = container(service).env.filter((variable) => !known.has(variable.name));
        assert.deepEqual(
          unknown.map((variable) => variable.name),
          [],
        );
      });

      if (service.scaling === "replicated") {
        it("is replicated: an autoscaler on its Deployment, and a disruption budget over its pods", () => {
          const autoscaler = find("HorizontalPodAutoscaler", service.name) as { spec: Json } | undefined;
          assert.ok(autoscaler, "no HorizontalPodAutoscaler");
          assert.deepEqual(autoscaler.spec.scaleTargetRef, {
            apiVersion: "apps/v1",
            kind: "Deployment",
            name: service.name,
          });
          assert.equal(autoscaler.spec.minReplicas, AUTOSCALING.minReplicas);
          const budget = find("PodDisruptionBudget", service.name) as { spec: Json } | undefined;
          assert.ok(budget, "no PodDisruptionBudget");
          assert.equal(budget.spec.minAvailable, 1);
          assert.deepEqual(
            (budget.spec.selector as Json).matchLabels,
            (find("Deployment", service.name)!.spec as { selector: Json }).selector.matchLabels,
          );
          assert.equal((find("Deployment", service.name)!.spec as Json).replicas, undefined, "the HPA owns replicas");
        });
      } else {
        it("is single: one replica, replaced (never two at once), no autoscaler", () => {
          const spec = find("Deployment", service.name)!.spec as { replicas: number; strategy: { type: string } };
          assert.equal(spec.replicas, 1);
          assert.equal(spec.strategy.type, "Recreate");
          assert.equal(find("HorizontalPodAutoscaler", service.name), undefined);
        });
      }

      if (service.dataDir) {
        it("keeps its data folder on a PersistentVolumeClaim", () => {
          assert.ok(find("PersistentVolumeClaim", `${service.name}-data`), "no PersistentVolumeClaim");
          const main = container(service) as Json & {
            env: EnvVar[];
            volumeMounts: { name: string; mountPath: string }[];
          };
          assert.equal(main.env.find((variable) => variable.name === "DATA_DIR")?.value, dataDir(service.name));
          const mount = main.volumeMounts.find((each) => each.mountPath === dataDir(service.name));
          const volume = (
            podSpec(service).volumes as { name: string; persistentVolumeClaim?: { claimName: string } }[]
          ).find((each) => each.name === mount?.name);
          assert.equal(volume?.persistentVolumeClaim?.claimName, `${service.name}-data`);
        });
      }
    });
  }
});

describe("deploy/README.md", () => {
  it("names each Secret and each key the manifests reference, and the client secrets script", () => {
    const readme = deployText("README.md");
    const referenced = new Set<string>();
    for (const { object } of objects) {
      if (object.kind !== "Deployment") continue;
      const env = (object.spec as { template: { spec: { containers: { env: EnvVar[] }[] } } }).template.spec
        .containers[0].env;
      for (const variable of env) {
        const ref = variable.valueFrom?.secretKeyRef;
        if (ref) referenced.add(ref.name).add(ref.key);
      }
    }
    const missing = [...referenced, "create-client-secrets.sh"].filter((name) => !readme.includes(name));
    assert.deepEqual(missing, []);
  });
});
