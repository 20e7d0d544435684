import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { distManifest } from "../src/dist-manifest.ts";
import { type Lockfile, locate, nameAt, packageName, productionClosure } from "../src/lockfile.ts";

/** A small tree: a workspace with its own copy of `b`, a root `a` with a nested `c`, optional and peer edges. */
function fixture(): Lockfile {
  return {
    lockfileVersion: 3,
    packages: {
      "": { name: "root" },
      "node_modules/@jeeves/svc": { resolved: "services/svc", link: true },
      "services/svc": { name: "@jeeves/svc", version: "0.1.0", dependencies: { a: "^1", b: "^2" } },
      "services/svc/node_modules/b": { version: "2.0.0", integrity: "sha-b2", dependencies: { d: "^1" } },
      "node_modules/a": {
        version: "1.0.0",
        integrity: "sha-a",
        dependencies: { c: "^3" },
        optionalDependencies: { native: "^1", absent: "^1" },
        peerDependencies: { d: "^1", ghost: "^1" },
        peerDependenciesMeta: { ghost: { optional: true } },
      },
      "node_modules/a/node_modules/c": { version: "3.0.0", integrity: "sha-c" },
      "node_modules/b": { version: "1.0.0", integrity: "sha-b1", dev: true },
      "node_modules/d": { version: "1.2.0", integrity: "sha-d", dev: true },
      "node_modules/native": { version: "1.0.0", integrity: "sha-n", optional: true, os: ["linux"] },
      "node_modules/dredd": { version: "14.1.0", integrity: "sha-dredd", dev: true },
    },
  };
}

describe("lockfile", () => {
  it("names the package of a specifier, scoped or not, with or without a subpath", () => {
    assert.equal(packageName("pino"), "pino");
    assert.equal(packageName("protobufjs/minimal.js"), "protobufjs");
    assert.equal(packageName("@fastify/static"), "@fastify/static");
    assert.equal(packageName("@fastify/static/lib/x.js"), "@fastify/static");
  });

  it("finds a package the way Node does: the nearest node_modules up from the importing folder", () => {
    const lock = fixture();
    assert.equal(locate(lock, "services/svc/src/adapters", "b"), "services/svc/node_modules/b");
    assert.equal(locate(lock, "packages/other/src", "b"), "node_modules/b");
    assert.equal(locate(lock, "node_modules/a", "c"), "node_modules/a/node_modules/c");
    assert.equal(locate(lock, "node_modules/a/node_modules/c", "d"), "node_modules/d");
    assert.equal(locate(lock, "", "@jeeves/svc"), "services/svc");
    assert.equal(locate(lock, "", "missing"), undefined);
  });

  it("closes over dependencies, optional and peer dependencies from where each package sits, never dev tools", () => {
    const lock = fixture();
    const closure = productionClosure(lock, [{ name: "@jeeves/svc", fromDir: "" }]);
    assert.deepEqual([...closure.packages.keys()].sort(), [
      "node_modules/a",
      "node_modules/a/node_modules/c",
      "node_modules/d",
      "node_modules/native",
      "services/svc",
      "services/svc/node_modules/b",
    ]);
    assert.equal(closure.packages.get("node_modules/native"), true, "reached through optionalDependencies only");
    assert.equal(closure.packages.get("node_modules/d"), false, "a required peer");
    assert.deepEqual(
      [...closure.packages.keys()].map((key) => nameAt(lock, key)).filter((name) => name === "dredd"),
      [],
    );
  });

  it("refuses a required dependency the lockfile lacks", () => {
    const lock = fixture();
    (lock.packages["node_modules/a/node_modules/c"] as { dependencies?: Record<string, string> }).dependencies = {
      gone: "^1",
    };
    assert.throws(() => productionClosure(lock, [{ name: "a", fromDir: "" }]), /depends on gone/);
  });
});

describe("distManifest", () => {
  const service = { name: "@jeeves/svc", version: "0.1.0", description: "A service.", node: ">=20.19", entries: [] };

  it("names the imported packages at their exact versions and locks their closure, workspace copies on top", () => {
    const lock = fixture();
    const dist = distManifest(lock, { ...service, entries: ["server.js"] }, [
      { name: "a", fromDir: "packages/kit/src" },
      { name: "b", fromDir: "services/svc/src" },
    ]);
    assert.deepEqual(dist.packageJson.dependencies, { a: "1.0.0", b: "2.0.0" });
    assert.equal(dist.packageJson.scripts.start, "node server.js");
    assert.deepEqual(Object.keys(dist.packageLock.packages).sort(), [
      "",
      "node_modules/a",
      "node_modules/a/node_modules/c",
      "node_modules/b",
      "node_modules/d",
      "node_modules/native",
    ]);
    const b = dist.packageLock.packages["node_modules/b"];
    assert.equal(b?.version, "2.0.0", "the workspace's own copy, which the bundled code was written against");
    assert.equal(dist.packageLock.packages["node_modules/d"]?.dev, undefined, "no dev flag in dist/");
    assert.equal(dist.packageLock.packages["node_modules/native"]?.optional, true);
    assert.deepEqual(dist.packageLock.packages[""]?.dependencies, { a: "1.0.0", b: "2.0.0" });
  });

  it("refuses two versions of one package at the top of dist/", () => {
    const lock = fixture();
    // `b` 2.0.0 from the workspace goes on top; `d` needs the root's b 1.0.0 there too.
    (lock.packages["node_modules/d"] as { dependencies?: Record<string, string> }).dependencies = { b: "^1" };
    assert.throws(
      () => distManifest(lock, service, [{ name: "b", fromDir: "services/svc/src" }]),
      /node_modules\/b would hold two versions: 1\.0\.0 .* and 2\.0\.0/,
    );
  });
});
