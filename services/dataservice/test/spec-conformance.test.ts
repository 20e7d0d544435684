import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { generate } from "@jeeves/codegen";

const SERVICE = fileURLToPath(new URL("..", import.meta.url));
const SPECS = fileURLToPath(new URL("../../../specs", import.meta.url));
const TSC = createRequire(import.meta.url).resolve("typescript/lib/tsc.js");

/**
 * Generates code from a copy of the specs (edited by `edit`) into a temporary folder and type-checks the
 * dataservice's sources against it, as `npm run generate && npm run typecheck` would after a spec edit.
 */
async function typecheckAgainst(t: { after(fn: () => Promise<void>): void }, edit: (yaml: string) => string) {
  const dir = await mkdtemp(join(tmpdir(), "spec-conformance-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await cp(SPECS, join(dir, "specs"), { recursive: true });
  const file = join(dir, "specs", "openapi", "dataservice.yaml");
  await writeFile(file, edit(await readFile(file, "utf8")));
  await generate(join(dir, "specs"), join(dir, "generated"));
  const gen = join(dir, "generated");
  await writeFile(join(gen, "package.json"), '{ "type": "module" }\n');
  await writeFile(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      extends: join(SERVICE, "tsconfig.json"),
      compilerOptions: {
        typeRoots: [join(SERVICE, "../../node_modules/@types")],
        paths: {
          "@jeeves/generated/openapi/*": [`${gen}/openapi/*.ts`],
          "@jeeves/generated/handlers/*": [`${gen}/handlers/*.ts`],
          "@jeeves/generated/specs/*": [`${gen}/specs/*.ts`],
          "@jeeves/generated/proto": [`${gen}/proto/jeeves.d.ts`],
        },
      },
      include: [join(SERVICE, "src")],
    }),
  );
  const run = spawnSync(process.execPath, [TSC, "-p", join(dir, "tsconfig.json")], { encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

test("the handlers type-check against code generated from the unchanged spec", async (t) => {
  const result = await typecheckAgainst(t, (yaml) => yaml);
  assert.equal(result.status, 0, result.output);
});

test("changing a schema in the spec makes the type check fail in the handlers that no longer match", async (t) => {
  // Setting.value becomes an integer: the handlers still answer the stored string.
  const result = await typecheckAgainst(t, (yaml) =>
    yaml.replace(
      "        key: { $ref: '#/components/schemas/SettingKey' }\n        value: { type: string, maxLength: 1000 }",
      "        key: { $ref: '#/components/schemas/SettingKey' }\n        value: { type: integer }",
    ),
  );
  assert.notEqual(result.status, 0);
  assert.match(result.output, /src\/handlers\/get-setting\.ts\(\d+,\d+\): error TS2322/);
  assert.match(result.output, /src\/handlers\/set-setting\.ts\(\d+,\d+\): error TS2322/);
});
