import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import ts from "typescript";
import { AnchorError } from "../src/edits/anchor-error.ts";
import { serviceNames } from "../src/names.ts";
import { REPOSITORY_ROOT } from "../src/new-service.ts";
import {
  LAYOUT_FILE,
  nextPort,
  portVariable,
  REGISTRY_EDITS,
  readLayout,
  type ServicePlan,
} from "../src/registry-edits.ts";

/** The syntax errors of a TypeScript text (none: it parses). */
function syntaxErrors(text: string): string[] {
  const { diagnostics = [] } = ts.transpileModule(text, { reportDiagnostics: true, fileName: "x.ts" });
  return diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

/** Every registry file of this repository, edited in memory for a new service `road-works` on port 3099. */
async function editedRegistries(): Promise<{
  plan: ServicePlan;
  before: Map<string, string>;
  after: Map<string, string>;
}> {
  const layout = await readFile(join(REPOSITORY_ROOT, LAYOUT_FILE), "utf8");
  const plan: ServicePlan = {
    names: serviceNames("road-works"),
    port: 3099,
    description: "keeps the roads",
    services: readLayout(layout).services,
  };
  const before = new Map<string, string>();
  const after = new Map<string, string>();
  for (const edit of REGISTRY_EDITS) {
    if (!before.has(edit.file)) before.set(edit.file, await readFile(join(REPOSITORY_ROOT, edit.file), "utf8"));
    after.set(edit.file, edit.apply(after.get(edit.file) ?? (before.get(edit.file) as string), plan));
  }
  return { plan, before, after };
}

describe("the registry edits, on this repository's files (in memory)", () => {
  it("reads the suite's services and the next free port", async () => {
    const layout = await readFile(join(REPOSITORY_ROOT, LAYOUT_FILE), "utf8");
    const { services, defaultPorts } = readLayout(layout);
    assert.deepEqual(services.slice(0, 2), ["tokendealer", "dataservice"]);
    assert.equal(nextPort(layout), Math.max(...defaultPorts) + 1);
  });

  it("skips a port another default of the layout takes (the mock's 3010)", () => {
    const layout = `export const SERVICES = ["a", "b"] as const;
const DEFAULT_PORTS = { a: 3008, b: 3009 };
export function readLayout() { return readConfig({ A_PORT: 1, MOCK_PORT: { default: 3010 } }); }`;
    assert.equal(nextPort(layout), 3011);
  });

  it("adds a kebab-case service everywhere, as TypeScript that parses and JSON that reads", async () => {
    const { after } = await editedRegistries();
    for (const [file, text] of after) {
      if (file.endsWith(".ts")) assert.deepEqual(syntaxErrors(text), [], file);
      if (file.endsWith(".json")) JSON.parse(text);
    }
    const text = (file: string) => after.get(file) as string;
    assert.match(text("services/tokendealer/src/domain/suite-names.ts"), /"chat:write", "road-works:read"/);
    assert.match(
      text("services/tokendealer/src/domain/docs-origins.ts"),
      /SUITE_DOCS_PORTS = \[3001, [\d, ]*, 3099\];/,
    );
    assert.match(text(LAYOUT_FILE), /"road-works": 3099/);
    assert.match(text(LAYOUT_FILE), /ROAD_WORKS_PORT: \{ default: DEFAULT_PORTS\["road-works"\], parse: port \}/);
    assert.match(text(LAYOUT_FILE), /"road-works": config\.ROAD_WORKS_PORT/);
    assert.equal(portVariable("road-works"), "ROAD_WORKS_PORT");
    assert.match(
      text("services/suite/src/launch.ts"),
      /import \{ loadConfig as roadWorksConfig, prepareRoadWorks \} from "@jeeves\/road-works";/,
    );
    assert.match(
      text("services/suite/src/launch.ts"),
      /const roadWorks = await listen\("road-works", await prepareRoadWorks\(/,
    );
    assert.match(text("services/suite/src/launch.ts"), /scheduler, "road-works": roadWorks \}/);
    assert.match(
      text("services/suite/src/summary.ts"),
      /row\("road-works", layout\.urls\["road-works"\], "keeps the roads {20}docs: \/docs"\)/,
    );
    assert.equal(JSON.parse(text("services/suite/package.json")).dependencies["@jeeves/road-works"], "0.1.0");
    assert.match(
      text("contract-tests/src/registry.ts"),
      /dredd: \(\) => import\("\.\/dredd\/providers\/road-works\.ts"\),\n\}/,
    );
    assert.equal(JSON.parse(text("contract-tests/package.json")).devDependencies["@jeeves/road-works"], "0.1.0");
    assert.match(text("contract-tests/dredd-skips.yaml"), /\nroad-works: \{\}\n$/);
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
