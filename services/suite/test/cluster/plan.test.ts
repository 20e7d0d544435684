import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { describe, it } from "node:test";
import { SERVICE_GLIBC_TUNABLES, SERVICE_NODE_OPTIONS, serviceManifest } from "@jeeves/manifest";
import { StartupError } from "@jeeves/service-kit";
import { planCluster, REPLICA_PORT_STEP, replicasOf, servicesDir } from "../../src/cluster/plan.ts";
import { readLayout } from "../../src/layout.ts";

const INFRASTRUCTURE = {
  DATABASE_URL: "postgres://postgres@127.0.0.1:5432/jeeves",
  BUS_URL: "amqp://guest:guest@127.0.0.1:5672",
  REDIS_URL: "redis://127.0.0.1:6379",
};

describe("the cluster's plan", () => {
  it("runs two slackbot and two actions replicas by default, one of the others, in the manifest's order", async () => {
    const env = { JEEVES_DATA_DIR: "/srv/jeeves" };
    const processes = await planCluster(readLayout(env), env, INFRASTRUCTURE);
    assert.deepEqual(
      processes.map((process) => process.id),
      [
        "tokendealer-1",
        "dataservice-1",
        "weather-1",
        "slackbot-1",
        "slackbot-2",
        "actions-1",
        "actions-2",
        "scheduler-1",
        "dashboard-1",
      ],
    );
    const slackbot2 = processes.find((process) => process.id === "slackbot-2");
    assert.equal(slackbot2?.port, 3002 + REPLICA_PORT_STEP);
    assert.equal(slackbot2?.url, "http://127.0.0.1:3102");
    assert.equal(slackbot2?.env.PORT, "3102");
    assert.equal(slackbot2?.env.JEEVES_REPLICA_ID, "slackbot-2");
    assert.equal(slackbot2?.env.REDIS_URL, INFRASTRUCTURE.REDIS_URL);
    assert.equal(slackbot2?.env.DATASERVICE_URL, "http://127.0.0.1:3001", "the others call replica 1");
    assert.equal(slackbot2?.env.SLACKBOT_CLIENT_SECRET_FILE, "/srv/jeeves/tokendealer/secrets/slackbot.secret");
    for (const process of processes) {
      assert.deepEqual(process.execArgv, [], "the built entry point, with node alone");
      assert.equal(process.env.NODE_OPTIONS, SERVICE_NODE_OPTIONS, "the services' young generation cap");
      assert.equal(process.env.GLIBC_TUNABLES, SERVICE_GLIBC_TUNABLES, "large blocks given back when freed");
      assert.ok(process.entry.endsWith(`services/${process.service.name}/dist/server.js`), process.entry);
    }
  });

  it("takes <SERVICE>_REPLICAS, and runs the source with tsx when JEEVES_CLUSTER_FROM_SOURCE=true", async () => {
    const env = { ACTIONS_REPLICAS: "3", SLACKBOT_REPLICAS: "1", JEEVES_CLUSTER_FROM_SOURCE: "true" };
    const processes = await planCluster(readLayout(env), env, INFRASTRUCTURE);
    assert.deepEqual(
      processes
        .filter((process) => /^(slackbot|actions)-/.test(process.id))
        .map((process) => `${process.id}:${process.port}`),
      ["slackbot-1:3002", "actions-1:3003", "actions-2:3103", "actions-3:3203"],
    );
    assert.deepEqual(processes[0].execArgv, ["--import", "tsx"]);
    assert.ok(existsSync(processes[0].entry), processes[0].entry);
  });

  it("gives every replica a port of its own when the ports are 0", async () => {
    const env = { SLACKBOT_PORT: "0", ACTIONS_PORT: "0" };
    const processes = await planCluster(readLayout(env), env, INFRASTRUCTURE);
    const ports = processes.filter((process) => /^(slackbot|actions)-/.test(process.id)).map((process) => process.port);
    assert.equal(new Set(ports).size, 4);
    assert.ok(ports.every((port) => port > 0));
  });

  it("refuses a replica count that is not 1 to 16, and more than one of a service that keeps its state in its data folder", () => {
    for (const bad of ["0", "17", "two", "1.5"]) {
      assert.throws(
        () => replicasOf(serviceManifest("actions"), { ACTIONS_REPLICAS: bad }),
        (error: unknown) => error instanceof StartupError && error.variable === "ACTIONS_REPLICAS",
      );
    }
    assert.throws(
      () => replicasOf(serviceManifest("tokendealer"), { TOKENDEALER_REPLICAS: "2" }),
      /keeps its state in its data folder/,
    );
    assert.equal(replicasOf(serviceManifest("weather"), {}), 1);
  });

  it("finds the services folder from the source and from a bundle in dist/", () => {
    const fromSource = servicesDir();
    assert.ok(existsSync(`${fromSource}/slackbot/service.json`));
    assert.equal(servicesDir(`${fromSource}/suite/dist`), fromSource);
    assert.throws(() => servicesDir("/"), StartupError);
  });
});
