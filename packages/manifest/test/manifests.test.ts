import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { parse } from "yaml";
import {
  checkManifests,
  SERVICE_AUDIENCES,
  SERVICE_MANIFESTS,
  SERVICE_NAMES,
  SERVICE_SCOPES,
  serviceClients,
  serviceManifest,
} from "../src/index.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const schema = JSON.parse(readFileSync(join(ROOT, "packages/manifest/service.schema.json"), "utf8"));
const all = SERVICE_MANIFESTS;

/** The folders under services/ that hold a service (a server entry point), not the suite. */
function serviceFolders(): string[] {
  return readdirSync(join(ROOT, "services"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(ROOT, "services", entry.name, "src/server.ts")))
    .map((entry) => entry.name)
    .sort();
}

describe("the service manifests", () => {
  it("list every service folder once, and each folder's service.json is the one listed", () => {
    assert.deepEqual(all.map((service) => service.name).sort(), serviceFolders());
    for (const service of all) {
      const file = JSON.parse(readFileSync(join(ROOT, "services", service.name, "service.json"), "utf8"));
      assert.deepEqual(file, service);
    }
  });

  it("are valid against service.schema.json", () => {
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    for (const service of all) {
      assert.ok(validate(service), `${service.name}: ${JSON.stringify(validate.errors)}`);
    }
  });

  it("agree with each other: unique ports, dependencies started first, clients call what they depend on", () => {
    assert.deepEqual(checkManifests(all), []);
  });

  it("name entry points that exist, probe paths the service's spec declares, and exactly its spec's scopes", () => {
    for (const service of all) {
      assert.ok(existsSync(join(ROOT, "services", service.name, service.entry.source)), `${service.name} entry`);
      const spec = parse(readFileSync(join(ROOT, "specs/openapi", `${service.name}.yaml`), "utf8"));
      const schemes = Object.values(spec.components?.securitySchemes ?? {}) as {
        flows?: Record<string, { scopes?: Record<string, string> }>;
      }[];
      const declared = schemes.flatMap((scheme) =>
        Object.values(scheme.flows ?? {}).flatMap((flow) => Object.keys(flow.scopes ?? {})),
      );
      assert.deepEqual(service.scopes, [...new Set(declared)], `${service.name}: scopes as its spec declares them`);
      for (const path of [service.probes.liveness, service.probes.readiness]) {
        assert.ok(spec.paths?.[path]?.get, `${service.name}: ${path} is not a GET of its spec`);
      }
    }
  });

  it("checkManifests names each mistake", () => {
    const [tokendealer, dataservice] = all;
    const problems = checkManifests([
      {
        ...dataservice,
        dependsOn: ["tokendealer", "nowhere"],
        client: { id: "x", scopes: { weather: ["weather:read"] } },
      },
      { ...tokendealer, port: { variable: "OTHER_PORT", default: dataservice.port.default } },
      { ...tokendealer, name: "Bad_Name", audience: "bad" },
    ]);
    const [, , weather, slackbot] = all;
    const scopeProblems = checkManifests([
      tokendealer,
      { ...dataservice, scopes: [...dataservice.scopes, "weather:read"] },
      weather,
      { ...slackbot, client: { id: "slackbot", scopes: { dataservice: ["chat:write"] } } },
    ]);
    assert.deepEqual(problems, [
      "dataservice: depends on tokendealer, which starts after it",
      "dataservice: depends on nowhere, which is not a service",
      "dataservice: its client calls weather, which is not a service",
      "tokendealer: the port variable should be TOKENDEALER_PORT",
      "tokendealer: port 3001 is dataservice's too",
      "Bad_Name: the name is not kebab-case",
      "Bad_Name: the audience bad is not its name",
      "Bad_Name: the port variable should be BAD_NAME_PORT",
    ]);
    assert.deepEqual(scopeProblems, [
      "weather: the scope weather:read is dataservice's too",
      "slackbot: asks dataservice for chat:write, which it does not accept",
    ]);
  });

  it("checkManifests names each mistake in person scopes: an audience not a service, not depended on, a scope it does not accept", () => {
    const [tokendealer, dataservice, weather] = all;
    const problems = checkManifests([
      tokendealer,
      dataservice,
      {
        ...weather,
        dependsOn: ["tokendealer"],
        client: {
          id: "weather",
          scopes: { tokendealer: ["users:read"] },
          personScopes: { nowhere: ["users:read"], dataservice: ["users:read", "weather:read"] },
        },
      },
    ]);
    assert.deepEqual(problems, [
      "weather: asks tokendealer for users:read, which it does not accept",
      "weather: its client acts for people at nowhere, which is not a service",
      "weather: acts for people at dataservice but does not depend on it",
      "weather: asks dataservice for weather:read for a person, which it does not accept",
    ]);
  });

  it("validate person scopes in the schema: an object of non-empty lists, never empty", () => {
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    const dashboard = serviceManifest("dashboard");
    const withPersonScopes = (personScopes: unknown) => ({
      ...dashboard,
      client: { ...dashboard.client, personScopes },
    });
    assert.ok(validate(withPersonScopes({ dataservice: ["users:read"] })));
    for (const bad of [{}, { dataservice: [] }, { dataservice: "users:read" }, ["users:read"]]) {
      assert.equal(validate(withPersonScopes(bad)), false, JSON.stringify(bad));
    }
  });

  it("give the TokenDealer clients with the union of their scopes, their audiences and their person scopes", () => {
    assert.deepEqual(
      serviceClients().find((client) => client.id === "actions"),
      { id: "actions", scopes: ["users:read", "users:write", "weather:read"], audiences: ["dataservice", "weather"] },
    );
    assert.deepEqual(
      serviceClients().find((client) => client.id === "dashboard"),
      {
        id: "dashboard",
        scopes: ["users:read"],
        audiences: ["dataservice"],
        personScopes: {
          dataservice: ["users:read", "users:write", "workspaces:read"],
          slackbot: ["chat:write"],
        },
      },
      "person scopes only on the client that declares them",
    );
    for (const client of serviceClients()) {
      const declared = all.find((service) => service.client?.id === client.id)?.client?.personScopes;
      assert.deepEqual(client.personScopes, declared, client.id);
    }
    assert.equal(serviceManifest("weather").port.default, 3004);
    assert.deepEqual(SERVICE_AUDIENCES, SERVICE_NAMES);
    assert.deepEqual(
      SERVICE_SCOPES,
      all.flatMap((service) => service.scopes),
    );
    assert.ok(SERVICE_SCOPES.includes("users:admin") && SERVICE_SCOPES.includes("chat:write"));
    assert.throws(() => serviceManifest("nope"), /no service named nope/);
  });
});
