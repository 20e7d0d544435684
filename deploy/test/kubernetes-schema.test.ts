import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validateKubernetesObject } from "./kubernetes-schema.ts";

const deployment = (port: unknown) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "x" },
  spec: {
    selector: { matchLabels: { app: "x" } },
    template: {
      metadata: { labels: { app: "x" } },
      spec: { containers: [{ name: "x", image: "x:1", ports: [{ containerPort: port }] }] },
    },
  },
});

describe("validateKubernetesObject (the schema check of the deploy tests)", () => {
  it("accepts a valid object", () => {
    validateKubernetesObject(deployment(3000));
  });

  it("refuses a wrong type, a missing required field and a value out of its enum", () => {
    assert.throws(() => validateKubernetesObject(deployment("3000")), /Deployment x: .*containerPort must be integer/);
    const noSelector = deployment(3000);
    delete (noSelector.spec as { selector?: unknown }).selector;
    assert.throws(() => validateKubernetesObject(noSelector), /selector/);
    assert.throws(
      () =>
        validateKubernetesObject({
          apiVersion: "v1",
          kind: "Service",
          metadata: { name: "s" },
          spec: { ports: [{ port: 80, protocol: "HTTP" }] },
        }),
      /Service s: .*protocol/,
    );
  });

  it("refuses a kind the deploy files must not hold: a Secret", () => {
    assert.throws(
      () => validateKubernetesObject({ apiVersion: "v1", kind: "Secret", metadata: { name: "s" } }),
      /v1\/Secret s: not a kind/,
    );
  });
});
