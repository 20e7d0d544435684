import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { serviceNames } from "../src/names.ts";
import { fillPlaceholders, renderTemplate, type TemplateValues } from "../src/template.ts";

const values: TemplateValues = { names: serviceNames("road-works"), port: 3007, description: "keeps the roads" };

describe("the template", () => {
  it("fills every placeholder form", () => {
    assert.equal(
      fillPlaceholders("__name__ __Name__ __camelName__ __NAME___PORT __port__ __description__", values),
      "road-works RoadWorks roadWorks ROAD_WORKS_PORT 3007 keeps the roads",
    );
  });

  it("renders the spec, the proto file, the service and its contract-test files, with no placeholder left", async () => {
    const files = await renderTemplate(values);
    for (const path of [
      "specs/openapi/road-works.yaml",
      "specs/proto/jeeves/v1/road-works.proto",
      "services/road-works/package.json",
      "services/road-works/src/app.ts",
      "services/road-works/src/server.ts",
      "services/road-works/src/handlers/index.ts",
      "services/road-works/testing/test-road-works.ts",
      "services/road-works/test/helper.ts",
      "contract-tests/src/dredd/providers/road-works.ts",
      "contract-tests/test/fuzz/road-works.test.ts",
    ]) {
      assert.ok(files.has(path), path);
    }
    for (const [path, text] of files) {
      assert.doesNotMatch(path, /__/, path);
      assert.doesNotMatch(text, /__(?:name|Name|camelName|NAME|port|description)__/, path);
    }
    const manifest = JSON.parse(files.get("services/road-works/package.json") as string);
    assert.equal(manifest.name, "@jeeves/road-works");
    assert.match(
      files.get("services/road-works/src/config.ts") as string,
      /DEFAULT_PORT: number = manifest\.port\.default;/,
      "its port is its manifest's (service.json, written by the generator)",
    );
    assert.match(files.get("specs/proto/jeeves/v1/road-works.proto") as string, /message RoadWorksGreeting \{/);
  });
});
