import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { TestContext } from "node:test";
import { fileURLToPath } from "node:url";
import { PROTO_ROOT } from "../../src/breaking/check-breaking.ts";
import { releaseSpecs } from "../../src/breaking/released.ts";
import type { ContractDocument } from "../../src/registry.ts";
import { type TempRoot, tempRoot } from "../temp-root.ts";

const fixtures = fileURLToPath(new URL("fixtures/", import.meta.url));

/** The fixture documents, where {@link tempRepo} commits them. */
export const FIXTURE_DOCUMENTS: ContractDocument[] = [
  { name: "things", kind: "openapi", path: "specs/openapi/things.yaml" },
  { name: "health", kind: "openapi", path: "specs/openapi/health.yaml" },
  { name: "bus", kind: "asyncapi", path: "specs/asyncapi/bus.yaml" },
];

/** Where each fixture file goes in the temporary repository. */
const LAYOUT: Record<string, string> = {
  "things.yaml": "specs/openapi/things.yaml",
  "health.yaml": "specs/openapi/health.yaml",
  "bus.yaml": "specs/asyncapi/bus.yaml",
  "things.proto": "specs/proto/jeeves/v1/things.proto",
  "common.proto": "specs/proto/jeeves/v1/common.proto",
};

/** A temporary git repository holding the fixture specs, removed after the test. */
export interface TempRepo extends TempRoot {
  /** Snapshots the fixture documents' new versions under specs/released (as `npm run release:specs`). */
  release(): Promise<string[]>;
}

/**
 * Creates a git repository on branch main whose first commit holds the fixtures and their release
 * (specs/released/things/1.0.0.yaml, health/1.0.0.yaml, bus/1.0.0.yaml and proto/).
 */
export async function tempRepo(t: TestContext): Promise<TempRepo> {
  const root = await tempRoot(t, { prefix: "jeeves-breaking-", git: true });
  const repo: TempRepo = { ...root, release: () => releaseSpecs(root.root, FIXTURE_DOCUMENTS, PROTO_ROOT) };
  for (const [file, path] of Object.entries(LAYOUT))
    await repo.write(path, await readFile(join(fixtures, file), "utf8"));
  await repo.release();
  await repo.commit("fixture specs, released");
  return repo;
}
