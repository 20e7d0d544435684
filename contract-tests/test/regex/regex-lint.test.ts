import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { parse } from "yaml";

// The lint gate of issue 10: `npm run lint` (each workspace's `lint` script) runs ESLint with the root
// eslint.config.js, whose only rules reject regular expressions that can take super-linear time. These
// tests run that very configuration on snippets, so that a config that stops catching them fails here.

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

/** The rule ids ESLint reports on `code` as if it were a TypeScript file of the actions service. */
async function reported(code: string, file = "services/actions/src/domain/example.ts"): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  assert.equal(result.fatalErrorCount, 0, JSON.stringify(result.messages));
  return result.messages.map((m) => `${m.ruleId}:${m.severity === 2 ? "error" : "warning"}`);
}

const BACKTRACKING = "regexp/no-super-linear-backtracking:error";
const MOVE = "regexp/no-super-linear-move:error";

describe("the regex lint gate (eslint.config.js)", () => {
  const superLinear: [string, string, string][] = [
    ["nested quantifiers", "export const r = /(a+)+$/;", BACKTRACKING],
    ["`cleanPlace`'s old trailing `?` and `!`", 'export const f = (s: string) => s.replace(/[?!]+$/, "");', MOVE],
    ["the old first-word split", "export const r = /^(\\S+)(?:\\s+([\\s\\S]*))?$/;", BACKTRACKING],
    ["the old units suffix", "export const r = /(?:^|\\s+)(?:in\\s+(metric|imperial))$/i;", MOVE],
    ["spaces around a word, searched", "export const r = /\\s*x\\s*$/;", MOVE],
    ["trailing slashes", 'export const f = (s: string) => s.replace(/\\/+$/, "");', MOVE],
    ["a RegExp built from a literal", 'export const r = new RegExp("^(a+)+$");', BACKTRACKING],
  ];
  for (const [name, code, rule] of superLinear) {
    it(`rejects ${name}: ${code}`, async () => {
      const rules = await reported(code);
      assert.ok(rules.includes(rule), `expected ${rule}, got ${JSON.stringify(rules)}`);
    });
  }

  const linear: [string, string][] = [
    ["an anchored time", "export const r = /^(\\d{1,2}):(\\d{2})$/;"],
    ["one whitespace character", "export const r = /\\s/;"],
    ["the units flag as a whole word", "export const r = /^(?:--|—|–)(metric|imperial)$/i;"],
    ["a Slack link that never crosses a `<`", "export const r = /<([a-z][a-z0-9+.-]*:[^|<>]*)(?:\\|([^<>]*))?>/gi;"],
    ["entities", "export const r = /&(amp|lt|gt);/g;"],
  ];
  for (const [name, code] of linear) {
    it(`accepts ${name}: ${code}`, async () => {
      assert.deepEqual(await reported(code), []);
    });
  }

  it("applies to JavaScript and test files in every workspace, and ignores generated/ and node_modules", async () => {
    const bad = "export const r = /(a+)+$/;";
    for (const file of ["packages/codegen/bin/x.js", "services/suite/test/x.test.ts", "contract-tests/test/x.mjs"]) {
      assert.ok((await reported(bad, file)).includes(BACKTRACKING), file);
    }
    for (const file of ["generated/openapi/x.ts", "services/actions/node_modules/x/index.js"]) {
      assert.equal(await eslint.isPathIgnored(join(ROOT, file)), true, file);
    }
  });

  it("is run by the lint script of every workspace", () => {
    const workspaces = ["packages", "services"].flatMap((dir) =>
      readdirSync(join(ROOT, dir), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => `${dir}/${entry.name}`),
    );
    workspaces.push("contract-tests");
    const without = workspaces.filter((workspace) => {
      const { scripts } = JSON.parse(readFileSync(join(ROOT, workspace, "package.json"), "utf8"));
      return !/&& eslint \.$/.test(scripts?.lint ?? "");
    });
    assert.deepEqual(without.sort(), []);
  });

  it("finds every `pattern` of the specs linear too (the services match them against requests)", async () => {
    const patterns = new Set<string>();
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === "object") {
        for (const [key, value] of Object.entries(node)) {
          if (key === "pattern" && typeof value === "string") patterns.add(value);
          else collect(value);
        }
      }
    };
    const specs = join(ROOT, "specs/openapi");
    for (const file of readdirSync(specs).filter((f) => f.endsWith(".yaml"))) {
      collect(parse(readFileSync(join(specs, file), "utf8")));
    }
    assert.ok(patterns.size > 0, "the specs have patterns");
    const code = [...patterns].map((p, i) => `export const p${i} = new RegExp(${JSON.stringify(p)}, "u");`).join("\n");
    assert.deepEqual(await reported(code), []);
  });
});
