import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { describe, it, type TestContext, test } from "node:test";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { ScaffoldError } from "../src/names.ts";
import { newService, REPOSITORY_ROOT } from "../src/new-service.ts";
import { LAYOUT_FILE, listedServices, manifestFile, REGISTRY_EDITS, SERVICES_FILE } from "../src/registry-edits.ts";
import { copyRepository } from "./repo-copy.ts";

// Issue 12: a service made by the generator joins the suite, the TokenDealer's clients and the contract
// tests; issue 14: by its own folder (its manifest, service.json) and one entry in the manifest's list,
// which they all read. Everything happens in a temporary copy of this repository (the real one is never touched): the
// documented command makes the service, codegen runs, then the copy's own tools judge the result.
// A kebab-case name, so that quoted keys, `HELLO_DESK_PORT` and camelCase variables are exercised too.

const NAME = "hello-desk";
const SCOPE = `${NAME}:read`;
const exec = promisify(execFile);
const require = createRequire(import.meta.url);

/** Bounds of every step: a step that hangs fails the test instead of holding it. */
const STEP_TIMEOUT_MS = 180_000;
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * The environment of a child process: this one's, without what makes a child of `node --test` report to
 * it (NODE_TEST_CONTEXT) or write coverage for c8 (NODE_V8_COVERAGE).
 */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  delete env.NODE_V8_COVERAGE;
  return env;
}

/** Runs a command to its end (bounded); a non-zero exit fails with its output. */
async function run(command: string, args: string[], cwd: string): Promise<string> {
  try {
    const { stdout, stderr } = await exec(command, args, {
      cwd,
      env: childEnv(),
      timeout: STEP_TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
    });
    return `${stdout}${stderr}`;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    assert.fail(
      `${command} ${args.join(" ")} (in ${cwd}) failed: ${failed.message}\n${failed.stdout}\n${failed.stderr}`,
    );
  }
}

/** Runs node:test files with the TAP reporter; answers the output after checking every test passed. */
async function nodeTests(cwd: string, files: string[], pattern?: string): Promise<string> {
  const args = ["--import", "tsx", "--test", "--test-reporter=tap", "--test-concurrency=1"];
  if (pattern) args.push(`--test-name-pattern=${pattern}`);
  const output = await run(process.execPath, [...args, ...files], cwd);
  assert.match(output, /^# fail 0$/m, output);
  return output;
}

/** Every file under `root` (node_modules aside) and its text, by path relative to `root`, sorted. */
async function fileTexts(root: string): Promise<Map<string, string>> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  const files = entries
    .filter((entry) => entry.isFile() && !relative(root, entry.parentPath).split(sep).includes("node_modules"))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .sort();
  const texts = new Map<string, string>();
  for (const file of files) texts.set(file, await readFile(join(root, file), "utf8"));
  return texts;
}

/** A fetch bounded in time. */
function fetchBounded(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
}

/**
 * A temporary root holding copies of the files the generator reads and edits only (the list of services,
 * their manifests, the suite's layout, the docs); removed after the test.
 */
async function registryRoot(t: TestContext): Promise<{ root: string; read(file: string): Promise<string> }> {
  const root = await mkdtemp(join(tmpdir(), "jeeves-scaffold-registries-"));
  t.after(() => rm(root, { recursive: true, force: true }));
  const services = listedServices(await readFile(join(REPOSITORY_ROOT, SERVICES_FILE), "utf8"));
  const files = [SERVICES_FILE, LAYOUT_FILE, ...services.map(manifestFile), ...REGISTRY_EDITS.map((edit) => edit.file)];
  for (const file of new Set(files)) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await copyFile(join(REPOSITORY_ROOT, file), join(root, file));
  }
  return { root, read: (file) => readFile(join(root, file), "utf8") };
}

/** Asserts `run` rejects with a ScaffoldError whose message matches every pattern. */
async function refused(run: () => Promise<unknown>, ...patterns: RegExp[]) {
  await assert.rejects(run, (error: unknown) => {
    assert.ok(error instanceof ScaffoldError, String(error));
    for (const pattern of patterns) assert.match(error.message, pattern);
    return true;
  });
}

describe("newService refuses, and then writes nothing", () => {
  it("a service the suite runs already", async (t) => {
    const { root } = await registryRoot(t);
    await refused(() => newService({ root, name: "weather" }), /the suite already runs a service weather/);
  });

  it("files without their anchors: each problem named with its file", async (t) => {
    const { root, read } = await registryRoot(t);
    const architecture = (await read("docs/architecture.md")).replace("| scope | allows |", "| Scope | Allows |");
    await writeFile(join(root, "docs/architecture.md"), architecture);
    await writeFile(join(root, "README.md"), "# Jeeves\n");
    const changelog = await read("CHANGELOG.md");
    const list = await read(SERVICES_FILE);
    await refused(
      () => newService({ root, name: "greeter" }),
      /^nothing written:\n/,
      /\n {2}docs\/architecture\.md: no table with the header \| scope \| allows \|\n/,
      /\n {2}README\.md: no table with the header \| service \| URL \| docs \|\n/,
      /docs\/adding-a-service\.md/,
    );
    assert.equal(existsSync(join(root, "services", "greeter")), false);
    assert.equal(existsSync(join(root, "specs", "openapi", "greeter.yaml")), false);
    assert.equal(await read("CHANGELOG.md"), changelog, "no file is changed either");
    assert.equal(await read(SERVICES_FILE), list, "nor the list of services");
  });

  it("a list of services that does not look as expected", async (t) => {
    const { root, read } = await registryRoot(t);
    await writeFile(
      join(root, SERVICES_FILE),
      (await read(SERVICES_FILE)).replace("export const SERVICE_MANIFESTS", "export const SERVICES"),
    );
    await refused(
      () => newService({ root, name: "greeter" }),
      /\n {2}packages\/manifest\/src\/services\.ts: no `const SERVICE_MANIFESTS = …`\n/,
    );
    assert.equal(existsSync(join(root, "services", "greeter")), false);
  });

  it("a file of the template that exists already", async (t) => {
    const { root, read } = await registryRoot(t);
    await mkdir(join(root, "specs", "openapi"), { recursive: true });
    await writeFile(join(root, "specs", "openapi", "greeter.yaml"), "openapi: 3.0.3\n");
    const list = await read(SERVICES_FILE);
    await refused(() => newService({ root, name: "greeter" }), /specs\/openapi\/greeter\.yaml exists already/);
    assert.equal(await read(SERVICES_FILE), list);
    assert.equal(existsSync(join(root, "services", "greeter")), false);
  });

  it("a description that cannot go into a table", async (t) => {
    const { root } = await registryRoot(t);
    await refused(
      () => newService({ root, name: "greeter", description: "a | b" }),
      /one line of at most 120 characters/,
    );
  });
});

describe("the command (npm run new-service)", () => {
  const cli = (args: string[]) =>
    exec(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
      cwd: join(REPOSITORY_ROOT, "packages", "scaffold"),
      env: childEnv(),
      timeout: STEP_TIMEOUT_MS,
    }).then(
      () => assert.fail(`new-service ${args.join(" ")} succeeded`),
      (error: { code?: number; stderr?: string }) => ({ code: error.code, stderr: error.stderr ?? "" }),
    );

  it("without a name: the usage, exit 2", async () => {
    const { code, stderr } = await cli([]);
    assert.equal(code, 2);
    assert.match(stderr, /usage: npm run new-service --workspace=@jeeves\/scaffold -- <name>/);
  });

  it("a bad or taken name: one line saying why, exit 1", async () => {
    const bad = await cli(["Hello_Desk"]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^new-service: "Hello_Desk" is not a service name/);
    const taken = await cli(["weather"]);
    assert.equal(taken.code, 1);
    assert.match(taken.stderr, /^new-service: a workspace is already called @jeeves\/weather/);
    assert.equal(existsSync(join(REPOSITORY_ROOT, "services", "Hello_Desk")), false);
  });
});

test(`a service made by the generator (${NAME}) joins the suite, the TokenDealer's clients and the contract tests`, {
  // Bounded, with room for a machine running two `npm test` at once (each step has its own bound).
  timeout: 900_000,
}, async (t) => {
  const copy = await copyRepository(REPOSITORY_ROOT);
  t.after(() => copy.remove());
  const { root } = copy;

  const before = await fileTexts(root);
  const made = await run("npm", ["run", "new-service", "--workspace=@jeeves/scaffold", "--", NAME], root);
  const port = Number(new RegExp(`new service ${NAME}, default port (\\d+):`).exec(made)?.[1]);
  assert.ok(port > 0, made);
  assert.ok(existsSync(join(root, "services", NAME, "src", "app.ts")), "the service's folder is written");
  assert.equal(existsSync(join(REPOSITORY_ROOT, "services", NAME)), false, "the real repository is left alone");
  // Of the files that were there, the generator changed the list of services and the docs only.
  const after = await fileTexts(root);
  assert.deepEqual(
    [...before].filter(([file, text]) => after.get(file) !== text).map(([file]) => file),
    REGISTRY_EDITS.map((edit) => edit.file).sort(),
  );
  // What `npm install` would do: link the new workspace beside the others.
  await copy.linkWorkspaces();
  // `npm run generate` (turbo → @jeeves/generated#generate), called directly.
  await run(
    process.execPath,
    ["packages/codegen/bin/jeeves-codegen.js", "--specs", "specs", "--out", "generated"],
    root,
  );
  assert.ok(existsSync(join(root, "generated", "handlers", `${NAME}.ts`)), "codegen wrote its handler table");

  const contractFiles = [`contract-tests/src/dredd/providers/${NAME}.ts`, `contract-tests/test/fuzz/${NAME}.test.ts`];

  await t.test("(a) it type-checks with the suite that starts it and the contract tests' new files", async () => {
    // One program for the new service, the suite's sources (and the manifest's list they read) and the
    // contract tests' new files (one tsc run costs less than three): the handler table against the spec.
    // (The template is linted in this repository: packages/scaffold's lint covers template/.)
    const check = "tsconfig.scaffold-check.json";
    await writeFile(
      join(root, check),
      JSON.stringify({
        extends: "./tsconfig.base.json",
        include: [`services/${NAME}/src`, `services/${NAME}/test`, `services/${NAME}/testing`, "services/suite/src"],
        files: contractFiles,
      }),
    );
    await run(process.execPath, [require.resolve("typescript/bin/tsc"), "--noEmit", "-p", check], root);
  });

  await t.test(
    "(b) the suite started from the copy serves it, with tokens the TokenDealer issues for it",
    async (t) => {
      const layoutModule = await import(pathToFileURL(join(root, "services/suite/src/layout.ts")).href);
      const { launchSuite } = await import(pathToFileURL(join(root, "services/suite/src/launch.ts")).href);
      const services = layoutModule.SERVICES as readonly string[];
      assert.equal(services.at(-1), NAME, "the suite starts it last");
      assert.equal(layoutModule.readLayout({}).ports[NAME], port, "its default port is in the layout");
      // Its manifest is valid and agrees with the others and with its spec (scopes, probe paths).
      await nodeTests(join(root, "packages", "manifest"), ["test/manifests.test.ts"]);

      const dataRoot = await mkdtemp(join(tmpdir(), "jeeves-scaffold-data-"));
      t.after(() => rm(dataRoot, { recursive: true, force: true }));
      const suite = await launchSuite({
        env: {
          JEEVES_DATA_DIR: `${dataRoot}/`,
          ...Object.fromEntries(services.map((name) => [layoutModule.portVariable(name), "0"])),
          OPENWEATHER_MOCK_PORT: "0",
          // A key, so that no OpenWeatherMap mock is started: nothing here asks for the weather.
          OPENWEATHER_API_KEY: "scaffold-test-key",
          OPENWEATHER_URL: "http://127.0.0.1:9",
        },
        logger: false,
      });
      t.after(() => suite.close());
      const url = suite.layout.urls[NAME] as string;
      assert.doesNotMatch(url, new RegExp(`:${port}$`), "on a free port, as HELLO_DESK_PORT=0 asks");

      const health = await fetchBounded(`${url}/health`);
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { status: "ok", service: NAME, checks: [] });

      // The administrator's default client holds every scope and audience: the new ones included.
      const secret = (await readFile(join(dataRoot, "tokendealer", "secrets", "jeeves-admin.secret"), "utf8")).trim();
      const token = async (scope: string) => {
        const response = await fetchBounded(`${suite.layout.urls.tokendealer}/oauth/token`, {
          method: "POST",
          headers: { authorization: `Basic ${Buffer.from(`jeeves-admin:${secret}`).toString("base64")}` },
          body: new URLSearchParams({ grant_type: "client_credentials", audience: NAME, scope }),
        });
        const body = (await response.json()) as { access_token?: string; scope?: string };
        assert.equal(response.status, 200, JSON.stringify(body));
        assert.equal(body.scope, scope);
        return body.access_token as string;
      };
      const greeting = (bearer?: string) =>
        fetchBounded(`${url}/greeting?name=Ada`, bearer ? { headers: { authorization: `Bearer ${bearer}` } } : {});

      const allowed = await greeting(await token(SCOPE));
      assert.equal(allowed.status, 200);
      assert.deepEqual(await allowed.json(), { name: "Ada", text: "Hello, Ada!" });
      const anonymous = await greeting();
      assert.equal(anonymous.status, 401);
      assert.equal(anonymous.headers.get("content-type")?.split(";")[0], "application/problem+json");
      await anonymous.body?.cancel();
      const forbidden = await greeting(await token("users:read"));
      assert.equal(forbidden.status, 403, `a token without ${SCOPE} is refused`);
      await forbidden.body?.cancel();

      // The default clients still hold exactly what each service calls (the new one calls nobody).
      await nodeTests(join(root, "services", "suite"), ["test/least-privilege.test.ts"]);
    },
  );

  await t.test("(c) the contract tests take it: registry, Dredd in every encoding and the spec gates", async () => {
    const { PROVIDERS, DOCUMENTS } = await import(pathToFileURL(join(root, "contract-tests/src/registry.ts")).href);
    const provider = (PROVIDERS as { name: string; spec: string }[]).find((entry) => entry.name === NAME);
    assert.deepEqual(provider && { name: provider.name, spec: provider.spec }, {
      name: NAME,
      spec: `specs/openapi/${NAME}.yaml`,
    });
    assert.ok((DOCUMENTS as { name: string }[]).some((document) => document.name === NAME));

    const cwd = join(root, "contract-tests");
    // The copy's own Dredd provider test, for this service only (its fuzz test is written too, and
    // type-checked in (a); the fuzzer itself is tested on the real services).
    const dredd = await nodeTests(cwd, ["test/dredd/providers.test.ts"], NAME);
    assert.match(
      dredd,
      new RegExp(`^ok \\d+ - Dredd verifies ${NAME} against specs/openapi/${NAME}.yaml[^#\\n]*$`, "m"),
    );
    assert.match(dredd, /^# pass 1$/m);

    // `npm run release:specs` snapshots its first version; then the gates pass on the whole copy.
    const released = await run(process.execPath, ["--import", "tsx", "src/breaking/release-cli.ts"], cwd);
    assert.match(released, new RegExp(`released: specs/released/${NAME}/1\\.0\\.0\\.yaml`));
    await nodeTests(cwd, [
      "test/registry.test.ts",
      "test/consistency/consistency.test.ts",
      "test/breaking/real-repo.test.ts",
    ]);
  });
});
