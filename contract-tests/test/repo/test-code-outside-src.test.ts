import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import ts from "typescript";

// Issue 12 point 6: nothing under any `src/` exists only for tests. Test helpers and test doubles live in
// each workspace's `testing/` folder (its `./testing` entry point) or in a testing package (@jeeves/testing,
// @jeeves/contract-tests), used as devDependencies. So production code (services/*/src, packages/*/src)
// imports none of them, and no production `dependencies` lists a testing package: `npm start` runs
// without any test code.

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** Packages that exist only for tests: a production `dependencies` must not list them. */
const TEST_PACKAGES = ["@jeeves/testing", "@jeeves/contract-tests"];

/**
 * Workspaces whose `src/` is itself test code: the testing package. (contract-tests sits outside
 * services/ and packages/, so it is not scanned.)
 */
const TEST_WORKSPACES = new Set(["packages/testing"]);

/**
 * Why an import specifier found in production code is refused, or undefined when it is fine: a package's
 * `/testing` entry point, a testing package, or a relative path into a `testing/` or `test/` folder.
 */
function refusedImport(specifier: string): string | undefined {
  const [scope, name, ...rest] = specifier.split("/");
  if (scope === "@jeeves" && name !== undefined) {
    if (TEST_PACKAGES.includes(`${scope}/${name}`)) return "a testing package";
    if (rest[0] === "testing") return "a test-only entry point";
    return undefined;
  }
  if (specifier.startsWith(".")) {
    const parts = specifier.split("/");
    if (parts.includes("testing")) return "a test-only folder (testing/)";
    if (parts.includes("test")) return "the tests (test/)";
  }
  return undefined;
}

/** Every module a source file names: static imports and re-exports, `import()` and `require()`. */
function importsOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((file) => file.fileName);
}

/** The files below `dir`, recursively (node_modules left out). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    if (entry === "node_modules") return [];
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The workspaces whose `src/` is production code, as paths relative to the root (`services/actions`). */
function productionWorkspaces(): string[] {
  return ["services", "packages"]
    .flatMap((group) => readdirSync(join(ROOT, group)).map((name) => `${group}/${name}`))
    .filter((dir) => existsSync(join(ROOT, dir, "package.json")) && !TEST_WORKSPACES.has(dir));
}

/** Every workspace package.json (root `workspaces`: packages/*, services/*, generated, contract-tests). */
function workspaceManifests(): string[] {
  return [
    ...["services", "packages"].flatMap((group) =>
      readdirSync(join(ROOT, group)).map((name) => `${group}/${name}/package.json`),
    ),
    "generated/package.json",
    "contract-tests/package.json",
  ].filter((path) => existsSync(join(ROOT, path)));
}

interface Manifest {
  name: string;
  exports?: Record<string, string>;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
}

const manifest = (path: string) => JSON.parse(readFileSync(join(ROOT, path), "utf8")) as Manifest;

describe("refusedImport: what production code may not import", () => {
  it("refuses test-only entry points, testing packages and test folders", () => {
    for (const specifier of [
      "@jeeves/actions/testing",
      "@jeeves/tokendealer/testing",
      "@jeeves/testing",
      "@jeeves/contract-tests/mock",
      "@jeeves/contract-tests",
      "../testing/index.ts",
      "../../testing/memory-records.ts",
      "../test/helper.ts",
    ]) {
      assert.ok(refusedImport(specifier), specifier);
    }
  });

  it("lets production modules through", () => {
    for (const specifier of [
      "@jeeves/actions",
      "@jeeves/generated/openapi/dataservice",
      "@jeeves/testing-kit",
      "./adapters/dataservice-records.ts",
      "../domain/user-records.ts",
      "./testing-window.ts",
      "node:test",
      "fastify",
    ]) {
      assert.equal(refusedImport(specifier), undefined, specifier);
    }
  });

  it("sees static imports, re-exports, import() and require()", () => {
    const text = [
      'import { a } from "@jeeves/actions/testing";',
      'export { b } from "../testing/index.ts";',
      'const c = await import("@jeeves/testing");',
      'const d = require("@jeeves/contract-tests/mock");',
      'import type { E } from "@jeeves/scheduler";',
    ].join("\n");
    assert.deepEqual(
      importsOf(text).filter((specifier) => refusedImport(specifier)),
      ["@jeeves/actions/testing", "../testing/index.ts", "@jeeves/testing", "@jeeves/contract-tests/mock"],
    );
  });
});

describe("no test code in production: services/*/src and packages/*/src", () => {
  const workspaces = productionWorkspaces();

  it("finds the services and packages", () => {
    for (const dir of ["services/actions", "services/suite", "packages/service-kit"]) {
      assert.ok(workspaces.includes(dir), dir);
    }
  });

  it("no file under a src/ imports a /testing entry point, a testing package, a test double or a test", () => {
    const refused: string[] = [];
    for (const dir of workspaces) {
      const src = join(ROOT, dir, "src");
      if (!existsSync(src)) continue;
      for (const file of filesUnder(src).filter((path) => /\.[cm]?[jt]s$/.test(path))) {
        for (const specifier of importsOf(readFileSync(file, "utf8"))) {
          const why = refusedImport(specifier);
          if (why) refused.push(`${relative(ROOT, file)} imports ${specifier} (${why})`);
        }
      }
    }
    assert.deepEqual(refused, [], `move test code to testing/ and import it from tests only:\n${refused.join("\n")}`);
  });

  it("no src/ holds a testing module or folder", () => {
    const found = workspaces.flatMap((dir) => {
      const src = join(ROOT, dir, "src");
      if (!existsSync(src)) return [];
      return filesUnder(src)
        .map((file) => relative(ROOT, file))
        .filter((file) => file.split("/").some((part) => /^testing(\.[cm]?[jt]s)?$/.test(part)));
    });
    assert.deepEqual(found, [], `test helpers belong in the workspace's testing/ folder:\n${found.join("\n")}`);
  });

  it("a ./testing entry point points outside src/", () => {
    const wrong = workspaces.flatMap((dir) => {
      const target = manifest(`${dir}/package.json`).exports?.["./testing"];
      return target && !target.startsWith("./testing/") ? [`${dir}: "./testing" is ${target}`] : [];
    });
    assert.deepEqual(wrong, []);
  });

  it("each testing/ folder is type-checked, linted and counted in coverage like src/", () => {
    const missing: string[] = [];
    for (const dir of workspaces.filter((path) => existsSync(join(ROOT, path, "testing")))) {
      const { scripts = {} } = manifest(`${dir}/package.json`);
      const tsconfig = JSON.parse(readFileSync(join(ROOT, dir, "tsconfig.json"), "utf8")) as { include?: string[] };
      if (!tsconfig.include?.includes("testing")) missing.push(`${dir}/tsconfig.json: include "testing"`);
      if (!/^biome lint [^&]*\btesting\b/.test(scripts.lint ?? "")) missing.push(`${dir}: lint script on testing`);
      if (!scripts.test?.includes('--include "testing/**"')) missing.push(`${dir}: c8 --include "testing/**"`);
    }
    assert.deepEqual(missing, []);
  });
});

describe("no testing package among production dependencies", () => {
  it("no workspace's dependencies (devDependencies aside) lists @jeeves/testing or @jeeves/contract-tests", () => {
    const manifests = workspaceManifests();
    assert.ok(manifests.includes("services/suite/package.json"));
    const listed = manifests.flatMap((path) => {
      const { dependencies = {} } = manifest(path);
      return TEST_PACKAGES.filter((name) => name in dependencies).map((name) => `${path} depends on ${name}`);
    });
    assert.deepEqual(listed, [], `a testing package is a devDependency only:\n${listed.join("\n")}`);
  });
});
