import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { TestContext } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { parse, stringify } from "yaml";
import { PROTO_ROOT } from "../../src/breaking/check-breaking.ts";
import { releaseSpecs } from "../../src/breaking/released.ts";
import type { ContractDocument } from "../../src/registry.ts";

const run = promisify(execFile);
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
export interface TempRepo {
  root: string;
  git(...args: string[]): Promise<string>;
  write(path: string, text: string): Promise<void>;
  /** Parses a YAML file, lets `change` edit it, writes it back. */
  editYaml<T>(path: string, change: (doc: T) => void): Promise<void>;
  /** Replaces text in a file (and fails when the text is not there). */
  replace(path: string, from: string, to: string): Promise<void>;
  /** Commits everything. */
  commit(message: string): Promise<void>;
  /** Snapshots the fixture documents' new versions under specs/released (as `npm run release:specs`). */
  release(): Promise<string[]>;
}

/**
 * Creates a git repository on branch main whose first commit holds the fixtures and their release
 * (specs/released/things/1.0.0.yaml, health/1.0.0.yaml, bus/1.0.0.yaml and proto/).
 */
export async function tempRepo(t: TestContext): Promise<TempRepo> {
  const root = await mkdtemp(join(tmpdir(), "jeeves-breaking-"));
  t.after(() => rm(root, { recursive: true, force: true }));
  // A repository of its own: no user or system git config, hooks or signing.
  const env = { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" };
  const identity = [
    "-c",
    "user.name=Jeeves Test",
    "-c",
    "user.email=test@jeeves.invalid",
    "-c",
    "commit.gpgsign=false",
  ];
  const repo: TempRepo = {
    root,
    git: async (...args) => (await run("git", [...identity, ...args], { cwd: root, env })).stdout.trim(),
    write: async (path, text) => {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), text);
    },
    editYaml: async <T>(path: string, change: (doc: T) => void) => {
      const doc = parse(await readFile(join(root, path), "utf8")) as T;
      change(doc);
      await repo.write(path, stringify(doc));
    },
    replace: async (path, from, to) => {
      const text = await readFile(join(root, path), "utf8");
      if (!text.includes(from)) throw new Error(`${path} has no ${from}`);
      await repo.write(path, text.replace(from, to));
    },
    commit: async (message) => {
      await repo.git("add", "-A");
      await repo.git("commit", "-q", "-m", message);
    },
    release: () => releaseSpecs(root, FIXTURE_DOCUMENTS, PROTO_ROOT),
  };
  await repo.git("init", "-q", "-b", "main");
  for (const [file, path] of Object.entries(LAYOUT))
    await repo.write(path, await readFile(join(fixtures, file), "utf8"));
  await repo.release();
  await repo.commit("fixture specs, released");
  return repo;
}
