import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import semver from "semver";

// `npm ci` must not warn EBADENGINE: every installed package must run on the oldest Node the root
// package.json's `engines` allows. package-lock.json records each package's `engines`, so the check
// needs no install and names the package (and who pulls it in) when a dependency raises its floor.

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

interface LockEntry {
  version?: string;
  engines?: { node?: string } | string[];
  dependencies?: Record<string, string>;
  dev?: boolean;
  optional?: boolean;
}

const root = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { engines?: { node?: string } };
const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as {
  packages: Record<string, LockEntry>;
};

/** The packages (lock keys) whose own dependencies name `name`. */
function dependents(name: string): string[] {
  return Object.entries(lock.packages)
    .filter(([, entry]) => entry.dependencies && name in entry.dependencies)
    .map(([key]) => key.replace(/^.*node_modules\//, "") || "(root)");
}

describe("engines: the dependency tree runs on the Node versions package.json allows", () => {
  const range = root.engines?.node;

  it("package.json names a Node range", () => {
    assert.ok(range && semver.validRange(range), `package.json engines.node is ${JSON.stringify(range)}`);
  });

  it("every locked package accepts the oldest allowed Node", () => {
    const oldest = semver.minVersion(range ?? "")?.version;
    assert.ok(oldest, `no minimum version in ${range}`);
    const refused: string[] = [];
    for (const [key, entry] of Object.entries(lock.packages)) {
      const node = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      if (!key || !node || !semver.validRange(node)) continue;
      if (!semver.satisfies(oldest, node)) {
        const name = key.replace(/^.*node_modules\//, "");
        refused.push(`${name}@${entry.version} wants node ${node} (pulled in by ${dependents(name).join(", ")})`);
      }
    }
    assert.deepEqual(refused, [], `these packages refuse node ${oldest} (engines ${range}):\n${refused.join("\n")}`);
  });
});
