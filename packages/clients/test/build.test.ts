import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { buildClientsPackage, packageVersion } from "../src/build.ts";
import { renderReadme } from "../src/readme.ts";
import { rewriteImports } from "../src/stage.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const TSC = createRequire(import.meta.url).resolve("typescript/lib/tsc.js");

test("workspace imports become relative paths inside the package", () => {
  assert.equal(
    rewriteImports('import { x } from "@jeeves/codecs";', "client-kit/a.ts"),
    'import { x } from "../codecs/index.ts";',
  );
  assert.equal(
    rewriteImports('import type { paths } from "@jeeves/generated/openapi/dataservice";', "dataservice.ts"),
    'import type { paths } from "./generated/openapi/dataservice.ts";',
  );
  assert.equal(
    rewriteImports('import { jeeves } from "@jeeves/generated/proto";', "codecs/protobuf.ts"),
    'import { jeeves } from "../generated/proto/jeeves.js";',
  );
  assert.equal(
    rewriteImports('import { createClient } from "@jeeves/client-kit";', "clients/dataservice.ts"),
    'import { createClient } from "../client-kit/index.ts";',
  );
  assert.throws(() => rewriteImports('import { x } from "@jeeves/service-kit";', "a.ts"), /no place/);
});

test("the package version is the highest info.version of the specs", () => {
  const entry = (version: string) => ({ name: "x", title: "x", version });
  assert.equal(packageVersion([entry("1.4.0"), entry("2.0.0"), entry("1.10.3")]), "2.0.0");
  assert.equal(packageVersion([entry("1.9.0"), entry("1.10.0")]), "1.10.0");
});

test("the usage page says how to get a client id and secret, and how to use them from the environment", () => {
  const text = renderReadme("1.0.0", [{ name: "weather", title: "Jeeves weather", version: "1.0.0" }]);
  assert.match(text, /^## Getting a client id and secret$/m);
  assert.match(text, /data\/tokendealer\/secrets\/<client-id>\.secret/);
  assert.match(text, /add-client --id \S+ --scopes weather:read --audiences weather/);
  assert.match(text, /clientId: process\.env\.JEEVES_CLIENT_ID!/);
  assert.match(text, /clientSecret: process\.env\.JEEVES_CLIENT_SECRET!/);
});

test("npm pack gives a tarball that a project outside the repository installs, type-checks and uses", async (t) => {
  await mkdir(join(ROOT, "packages/clients/out"), { recursive: true });
  const out = await mkdtemp(join(ROOT, "packages/clients/out/test-"));
  const project = await mkdtemp(join(tmpdir(), "jeeves-clients-consumer-"));
  t.after(async () => {
    await rm(out, { recursive: true, force: true });
    await rm(project, { recursive: true, force: true });
  });
  const tarball = await buildClientsPackage(ROOT, out);
  assert.match(tarball, /jeeves-clients-\d+\.\d+\.\d+\.tgz$/);

  await writeFile(join(project, "package.json"), JSON.stringify({ name: "consumer", type: "module", private: true }));
  // --prefer-offline: the npm cache when it has the dependencies, the registry for what it lacks.
  execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball], {
    cwd: project,
    stdio: "pipe",
  });
  const installed = JSON.parse(await readFile(join(project, "node_modules/@jeeves/clients/package.json"), "utf8"));
  const services = (await readdir(join(ROOT, "specs/openapi"))).filter((f) => f.endsWith(".yaml"));
  assert.deepEqual(
    Object.keys(installed.jeeves.specs).sort(),
    services.map((f) => f.replace(/\.yaml$/, "")).sort(),
    "every service's spec, none of the external ones",
  );
  assert.ok(services.includes("dataservice.yaml"));

  await writeFile(
    join(project, "main.ts"),
    `import { createDataserviceClient, specVersion } from "@jeeves/clients/dataservice";
import { jeeves } from "@jeeves/clients/proto";

const user = { id: "0190b8a2-7c1e-7d4a-9f3e-5b2a1c0d9e8f", display_name: "Bertie", is_admin: false,
  created_at: "2026-11-28T08:00:00.000Z", updated_at: "2026-11-28T08:00:00.000Z" };
const seen: string[] = [];
const client = createDataserviceClient({
  baseUrl: "http://dataservice.test",
  encoding: "protobuf",
  fetch: async (request: Request) => {
    seen.push(String(request.headers.get("accept")));
    const bytes = jeeves.v1.User.encode(jeeves.v1.User.fromObject(user)).finish();
    return new Response(bytes, { headers: { "content-type": "application/x-protobuf" } });
  },
});
const { data } = await client.GET("/users/{userId}", { params: { path: { userId: user.id } } });
const name: string | undefined = data?.display_name;
console.log(JSON.stringify({ name, specVersion, accept: seen[0] }));
`,
  );
  await writeFile(
    join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        lib: ["ES2023"],
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        outDir: "out",
        types: ["node"],
        typeRoots: [join(ROOT, "node_modules/@types")],
      },
      include: ["main.ts"],
    }),
  );
  // The consumer's own compiler run type-checks its use of the package, then emits main.js.
  execFileSync(process.execPath, [TSC, "-p", project], { stdio: "pipe" });
  const output = execFileSync(process.execPath, [join(project, "out", "main.js")], { cwd: project, encoding: "utf8" });
  const dataservice = parse(await readFile(join(ROOT, "specs/openapi/dataservice.yaml"), "utf8"));
  assert.deepEqual(JSON.parse(output), {
    name: "Bertie",
    specVersion: dataservice.info.version,
    accept: "application/x-protobuf, application/problem+json;q=0.9",
  });
});
