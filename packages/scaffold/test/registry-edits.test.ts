import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { checkManifests, SERVICE_MANIFESTS, type ServiceManifest } from "@jeeves/manifest";
import ts from "typescript";
import { AnchorError } from "../src/edits/anchor-error.ts";
import { serviceNames } from "../src/names.ts";
import { REPOSITORY_ROOT } from "../src/new-service.ts";
import {
  LAYOUT_FILE,
  layoutPorts,
  listedServices,
  nextPort,
  portVariable,
  REGISTRY_EDITS,
  SERVICES_FILE,
  type ServicePlan,
  serviceManifestText,
} from "../src/registry-edits.ts";

/** The syntax errors of a TypeScript text (none: it parses). */
function syntaxErrors(text: string): string[] {
  const { diagnostics = [] } = ts.transpileModule(text, { reportDiagnostics: true, fileName: "x.ts" });
  return diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

const read = (file: string) => readFile(join(REPOSITORY_ROOT, file), "utf8");

/** Every file the edits touch in this repository, edited in memory for a new service `road-works` on port 3099. */
async function editedRegistries(): Promise<{
  plan: ServicePlan;
  before: Map<string, string>;
  after: Map<string, string>;
}> {
  const plan: ServicePlan = {
    names: serviceNames("road-works"),
    port: 3099,
    description: "keeps the roads",
    services: listedServices(await read(SERVICES_FILE)),
  };
  const before = new Map<string, string>();
  const after = new Map<string, string>();
  for (const edit of REGISTRY_EDITS) {
    if (!before.has(edit.file)) before.set(edit.file, await read(edit.file));
    after.set(edit.file, edit.apply(after.get(edit.file) ?? (before.get(edit.file) as string), plan));
  }
  return { plan, before, after };
}

describe("the registry edits, on this repository's files (in memory)", () => {
  it("reads the services of the manifest's list, in start order, and the next free port", async () => {
    assert.deepEqual(
      listedServices(await read(SERVICES_FILE)),
      SERVICE_MANIFESTS.map((service) => service.name),
    );
    const ports = SERVICE_MANIFESTS.map((service) => service.port.default);
    const taken = layoutPorts(await read(LAYOUT_FILE));
    assert.ok(taken.includes(3010), "the OpenWeatherMap mock's port is the layout's");
    assert.equal(nextPort(ports, taken), Math.max(...ports) + 1);
  });

  it("skips a port another default takes (the mock's 3010)", () => {
    assert.equal(nextPort([3008, 3009], [3010]), 3011);
    assert.equal(nextPort([3001, 3000], []), 3002);
    assert.throws(() => nextPort([]), AnchorError);
  });

  it("refuses a list that holds something other than imported manifests", () => {
    assert.throws(
      () =>
        listedServices(
          'import a from "../../../services/a/service.json" with { type: "json" };\nexport const SERVICE_MANIFESTS = [a, b];',
        ),
      /SERVICE_MANIFESTS holds b, no imported service\.json/,
    );
  });

  it("writes a manifest the manifest package accepts, after the services listed", () => {
    const plan: ServicePlan = {
      names: serviceNames("road-works"),
      port: 3099,
      description: "keeps the roads",
      services: SERVICE_MANIFESTS.map((service) => service.name),
    };
    const manifest = JSON.parse(serviceManifestText(plan)) as ServiceManifest;
    assert.deepEqual(checkManifests([...SERVICE_MANIFESTS, manifest]), []);
    assert.deepEqual(manifest.port, { variable: "ROAD_WORKS_PORT", default: 3099 });
    assert.equal(portVariable("road-works"), "ROAD_WORKS_PORT");
    assert.deepEqual(
      { audience: manifest.audience, scopes: manifest.scopes, client: manifest.client, dependsOn: manifest.dependsOn },
      { audience: "road-works", scopes: ["road-works:read"], client: null, dependsOn: ["tokendealer"] },
    );
    assert.equal(manifest.scaling, "replicated");
  });

  it("adds a kebab-case service to the list, the changelog and the docs' tables", async () => {
    const { after } = await editedRegistries();
    assert.deepEqual(
      [...after.keys()],
      [SERVICES_FILE, "CHANGELOG.md", "docs/architecture.md", "README.md", "contract-tests/README.md"],
      "the list is the only file outside its own folder that the suite, the TokenDealer and the contract tests read",
    );
    const text = (file: string) => after.get(file) as string;
    assert.deepEqual(syntaxErrors(text(SERVICES_FILE)), []);
    assert.match(
      text(SERVICES_FILE),
      /import roadWorks from "\.\.\/\.\.\/\.\.\/services\/road-works\/service\.json" with \{ type: "json" \};\nimport scheduler/,
    );
    assert.deepEqual(listedServices(text(SERVICES_FILE)), [
      ...SERVICE_MANIFESTS.map((service) => service.name),
      "road-works",
    ]);
    assert.match(text("CHANGELOG.md"), /\n- road-works 1\.0\.0: first version\.\n$/);
    assert.match(
      text("docs/architecture.md"),
      /\| road-works \| 3099 \| keeps the roads \| tokendealer \(JWKS\) \|\n\| OpenWeatherMap mock/,
    );
    assert.match(text("docs/architecture.md"), /\| `road-works:read` \| call the road-works service \|/);
    assert.match(
      text("README.md"),
      /\| road-works \| http:\/\/127\.0\.0\.1:3099 \(keeps the roads\) \| http:\/\/127\.0\.0\.1:3099\/docs \|/,
    );
    assert.match(text("contract-tests/README.md"), /\| `road-works` \| `buildTestRoadWorks` on a real TokenDealer/);
  });

  it("refuses to add the same service twice, naming the file", async () => {
    const { plan, after } = await editedRegistries();
    for (const edit of REGISTRY_EDITS) {
      assert.throws(
        () => edit.apply(after.get(edit.file) as string, plan),
        (error: unknown) => error instanceof AnchorError && error.file === edit.file && /already/.test(error.problem),
        edit.file,
      );
    }
  });
});
