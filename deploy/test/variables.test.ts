import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SERVICE_MANIFESTS, type ServiceManifest, serviceManifest } from "@jeeves/manifest";
import { clientSecretVariable, deployVariables, urlVariable } from "../src/variables.ts";
import { newService } from "./new-service.ts";

const sources = (service: ServiceManifest, services: readonly ServiceManifest[] = SERVICE_MANIFESTS) =>
  Object.fromEntries(deployVariables(service, services).map((variable) => [variable.name, variable.source.kind]));

describe("deployVariables", () => {
  it("gives the actions service its dependencies' URLs, its infrastructure, and its client secret", () => {
    assert.deepEqual(sources(serviceManifest("actions")), {
      ACTIONS_CLIENT_SECRET: "client-secret",
      BUS_URL: "infrastructure",
      DATASERVICE_URL: "service-url",
      TOKENDEALER_URL: "service-url",
      WEATHER_URL: "service-url",
    REDIS_URL: "infrastructure",
    });
  });

  it("gives the TokenDealer its own URL (the issuer) and leaves out its `_FILE` secrets (its data folder has them)", () => {
    assert.deepEqual(sources(serviceManifest("tokendealer")), {
      REDIS_URL: "infrastructure",
      TOKENDEALER_URL: "service-url",
    });
  });

  it("marks what the manifest requires, and the optional secrets as optional", () => {
    const variables = deployVariables(serviceManifest("slackbot"), SERVICE_MANIFESTS);
    const required = variables.filter((variable) => variable.required).map((variable) => variable.name);
    assert.deepEqual(required, [...serviceManifest("slackbot").variables.required].sort());
    assert.equal(variables.find((variable) => variable.name === "SLACK_STATE_SECRET")?.required, false);
  });

  it("refuses a required variable it cannot source, naming the service and the variable", () => {
    const service = newService({ variables: { required: ["TOKENDEALER_URL", "ROAD_WORKS_REGION"], secrets: [] } });
    assert.throws(() => deployVariables(service, [...SERVICE_MANIFESTS, service]), /road-works: .*ROAD_WORKS_REGION/);
  });

  it("refuses an infrastructure URL the service does not declare it uses", () => {
    const service = newService({ variables: { required: ["DATABASE_URL"], secrets: [] } });
    assert.throws(() => deployVariables(service, [...SERVICE_MANIFESTS, service]), /no postgres use/);
  });

  it("names URLs and client secrets after the service or client, kebab-case to upper snake case", () => {
    assert.equal(urlVariable("road-works"), "ROAD_WORKS_URL");
    assert.equal(clientSecretVariable("road-works"), "ROAD_WORKS_CLIENT_SECRET");
  });
});
