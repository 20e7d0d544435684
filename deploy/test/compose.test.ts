import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SERVICE_MANIFESTS } from "@jeeves/manifest";
import { CLIENT_SECRETS_MOUNT, dataDir } from "../src/layout.ts";
import { clientSecretVariable, INFRASTRUCTURE_VARIABLES } from "../src/variables.ts";
import { configVariables, deployText, deployYaml, type Json, specPaths } from "./deploy-files.ts";

interface ComposeService {
  image: string;
  build?: { context: string; dockerfile: string; args: Record<string, string> };
  environment?: Record<string, string>;
  expose?: string[];
  ports?: string[];
  volumes?: (string | Json)[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

const [compose] = deployYaml("compose.yaml") as [{ services: Record<string, ComposeService>; volumes: Json }];
const INFRASTRUCTURE_SERVICES = ["postgres", "rabbitmq", "redis"];

/** The variables of deploy/.env a value reads: `${NAME:?...}`, `${NAME:-...}`, `${NAME}`. */
function interpolated(value: string): string[] {
  return [...value.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((match) => match[1]);
}

/** Every variable a service's manifest treats as a secret, and the connection URLs. */
function secretsOf(name: string): Set<string> {
  const service = SERVICE_MANIFESTS.find((each) => each.name === name)!;
  return new Set([...service.variables.secrets, ...Object.values(INFRASTRUCTURE_VARIABLES)]);
}

describe("deploy/compose.yaml", () => {
  it("runs PostgreSQL, RabbitMQ, Redis and every service of the manifest, in start order", () => {
    assert.deepEqual(Object.keys(compose.services), [
      ...INFRASTRUCTURE_SERVICES,
      ...SERVICE_MANIFESTS.map((service) => service.name),
    ]);
    for (const name of INFRASTRUCTURE_SERVICES) {
      assert.ok(compose.services[name].healthcheck, `${name} has no healthcheck: nothing could wait for it`);
    }
  });

  it("writes no secret down: each is read from deploy/.env, and deploy/env.example lists all it reads", () => {
    const example = deployText("env.example");
    const listed = new Set([...example.matchAll(/^([A-Z][A-Z0-9_]*)=$/gm)].map((match) => match[1]));
    const read = new Set(interpolated(deployText("compose.yaml")));
    assert.deepEqual([...read].sort(), [...listed].sort());
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [variable, value] of Object.entries(service.environment ?? {})) {
        const secret =
          /PASS|SECRET|_KEY$|_AUTH$/.test(variable) || Object.values(INFRASTRUCTURE_VARIABLES).includes(variable);
        if (secret && !variable.endsWith("_FILE")) {
          assert.ok(interpolated(value).length > 0, `${name}: ${variable} is written down`);
        }
      }
    }
  });

  for (const manifest of SERVICE_MANIFESTS) {
    describe(manifest.name, () => {
      const service = compose.services[manifest.name];
      const port = String(manifest.port.default);

      it("builds its image from deploy/Dockerfile with its name and port, and listens on that port", () => {
        assert.match(service.image, new RegExp(`^jeeves/${manifest.name}:\\d+\\.\\d+\\.\\d+`));
        assert.deepEqual(service.build, {
          context: "..",
          dockerfile: "deploy/Dockerfile",
          args: { SERVICE: manifest.name, PORT: port },
        });
        assert.equal(service.environment?.PORT, port);
        assert.deepEqual(service.expose, [port]);
        assert.deepEqual(service.ports, [`127.0.0.1:${port}:${port}`]);
      });

      it("is healthy when its readiness path answers, a path its spec serves", () => {
        const check = service.healthcheck?.test.join(" ") ?? "";
        assert.ok(check.includes(`http://127.0.0.1:${port}${manifest.probes.readiness}`), check);
        assert.ok(specPaths(manifest.name).includes(manifest.probes.readiness));
      });

      it("starts once the services and the infrastructure it depends on are healthy", () => {
        const expected = [
          ...manifest.dependsOn,
          ...INFRASTRUCTURE_SERVICES.filter((name) => name in manifest.infrastructure),
        ];
        assert.deepEqual(Object.keys(service.depends_on ?? {}), expected);
        for (const dependency of Object.values(service.depends_on ?? {})) {
          assert.equal(dependency.condition, "service_healthy");
        }
      });

      it("sets every required variable (or its `_FILE`), secrets only from deploy/.env or a secret file", () => {
        const environment = service.environment ?? {};
        for (const required of manifest.variables.required) {
          assert.ok(
            required in environment || `${required}_FILE` in environment,
            `${required} (or ${required}_FILE) is not set`,
          );
        }
        for (const secret of secretsOf(manifest.name)) {
          const value = environment[secret];
          if (value !== undefined) assert.ok(interpolated(value).length > 0, `${secret} is written down: ${value}`);
        }
      });

      it("sets only variables its configuration reads", () => {
        const known = configVariables(manifest.name);
        const unknown = Object.keys(service.environment ?? {}).filter((name) => !known.has(name));
        assert.deepEqual(unknown, []);
      });

      if (manifest.client) {
        it("reads its client secret from the TokenDealer's secrets folder, read-only", () => {
          const variable = `${clientSecretVariable(manifest.client!.id)}_FILE`;
          assert.equal(service.environment?.[variable], `${CLIENT_SECRETS_MOUNT}/${manifest.client!.id}.secret`);
          assert.deepEqual(service.volumes, [
            {
              type: "volume",
              source: "tokendealer-data",
              target: CLIENT_SECRETS_MOUNT,
              read_only: true,
              volume: { subpath: "secrets" },
            },
          ]);
        });
      }

      if (manifest.dataDir) {
        it("keeps its data folder on a named volume", () => {
          assert.equal(service.environment?.DATA_DIR, dataDir(manifest.name));
          assert.ok(service.volumes?.includes(`${manifest.name}-data:${dataDir(manifest.name)}`));
          assert.ok(`${manifest.name}-data` in compose.volumes);
        });
      }
    });
  }
});
