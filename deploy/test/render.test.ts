import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SERVICE_MANIFESTS, type ServiceManifest } from "@jeeves/manifest";
import { parseAllDocuments } from "yaml";
import { interpolation } from "../src/compose.ts";
import { renderDeployFiles } from "../src/render.ts";
import { validateKubernetesObject } from "./kubernetes-schema.ts";
import { newService } from "./new-service.ts";

const versions = (services: readonly ServiceManifest[]) =>
  Object.fromEntries(services.map((service) => [service.name, "1.2.3"]));

function yamlOf(files: Map<string, string>, path: string): Record<string, unknown>[] {
  const text = files.get(path);
  assert.ok(text, `${path} is not generated`);
  return parseAllDocuments(text, { version: "1.1" }).map((document) => document.toJS());
}

describe("renderDeployFiles", () => {
  it("gives a new replicated service of the manifest its compose service, Deployment, Service, HPA and PDB", () => {
    const services = [...SERVICE_MANIFESTS, newService()];
    const files = renderDeployFiles(services, versions(services));
    const [compose] = yamlOf(files, "compose.yaml") as [{ services: Record<string, { environment: object }> }];
    assert.deepEqual(compose.services["road-works"].environment, {
      PORT: "3006",
      LOG_LEVEL: `\${LOG_LEVEL:-info}`,
      DATASERVICE_URL: "http://dataservice:3001",
      REDIS_URL: `redis://:${interpolation("REDIS_PASSWORD", true)}@redis:6379`,
      ROAD_WORKS_API_KEY: interpolation("ROAD_WORKS_API_KEY", true),
      ROAD_WORKS_CLIENT_SECRET_FILE: "/run/jeeves/client-secrets/road-works.secret",
      TOKENDEALER_URL: "http://tokendealer:3000",
    });
    assert.match(files.get("env.example")!, /# required: road-works\nROAD_WORKS_API_KEY=\n/);
    const objects = yamlOf(files, "k8s/road-works.yaml");
    assert.deepEqual(
      objects.map((object) => object.kind),
      ["Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget"],
    );
    for (const object of objects) validateKubernetesObject(object);
    assert.ok((yamlOf(files, "k8s/kustomization.yaml")[0].resources as string[]).includes("road-works.yaml"));
    assert.match(files.get("k8s/create-client-secrets.sh")!, /read_secret road-works ROAD_WORKS_CLIENT_SECRET\n/);
  });

  it("gives a single service one replica, its data volume, and neither autoscaler nor budget", () => {
    const single = newService({ scaling: "single", dataDir: true });
    const services = [...SERVICE_MANIFESTS, single];
    const objects = yamlOf(renderDeployFiles(services, versions(services)), "k8s/road-works.yaml");
    assert.deepEqual(
      objects.map((object) => object.kind),
      ["PersistentVolumeClaim", "Deployment", "Service"],
    );
    for (const object of objects) validateKubernetesObject(object);
  });

  it("refuses a manifest it cannot deploy: a client without a TokenDealer data folder, a service without a version", () => {
    const services = SERVICE_MANIFESTS.map((service) =>
      service.name === "tokendealer" ? { ...service, dataDir: false } : service,
    );
    assert.throws(
      () => renderDeployFiles(services, versions(services)),
      /tokendealer must be a single service with a dataDir/,
    );
    assert.throws(() => renderDeployFiles(SERVICE_MANIFESTS, {}), /tokendealer: no version/);
  });
});
