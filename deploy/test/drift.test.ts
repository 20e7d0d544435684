import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { deployDrift, expectedDeployFiles, writeDeployFiles } from "../src/files.ts";
import { DEPLOY, ROOT } from "./deploy-files.ts";

describe("the committed deploy files", () => {
  it("are exactly what `npm run generate` writes from the manifest (no stale file in deploy/k8s)", async () => {
    const problems = await deployDrift(DEPLOY, await expectedDeployFiles(ROOT));
    assert.deepEqual(problems, [], `run \`npm run generate\` and commit the deploy files:\n${problems.join("\n")}`);
  });
});

describe("writeDeployFiles and deployDrift", () => {
  it("write the files, report an edited, a missing and a stale one, and put them right", async () => {
    const folder = await mkdtemp(join(tmpdir(), "jeeves-deploy-"));
    try {
      const expected = new Map([
        ["compose.yaml", "a: 1\n"],
        ["k8s/one.yaml", "b: 2\n"],
        ["k8s/run.sh", "#!/bin/sh\n"],
      ]);
      assert.deepEqual(await writeDeployFiles(folder, expected), ["compose.yaml", "k8s/one.yaml", "k8s/run.sh"]);
      assert.deepEqual(await deployDrift(folder, expected), []);
      await writeFile(join(folder, "compose.yaml"), "a: 2\n");
      await rm(join(folder, "k8s/one.yaml"));
      await writeFile(join(folder, "k8s/old.yaml"), "c: 3\n");
      assert.deepEqual(await deployDrift(folder, expected), [
        "deploy/compose.yaml is out of date",
        "deploy/k8s/one.yaml is missing",
        "deploy/k8s/old.yaml is not generated any more",
      ]);
      assert.deepEqual(await writeDeployFiles(folder, expected), ["compose.yaml", "k8s/one.yaml"]);
      assert.deepEqual(await deployDrift(folder, expected), []);
      assert.equal(await readFile(join(folder, "compose.yaml"), "utf8"), "a: 1\n");
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
