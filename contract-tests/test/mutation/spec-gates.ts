import { join } from "node:path";
import { checkDrift } from "@jeeves/codegen";
import { checkBreaking } from "../../src/breaking/check-breaking.ts";
import { checkConsistency } from "../../src/consistency/check-consistency.ts";
import { applyExceptions, loadExceptions } from "../../src/lint/exceptions.ts";
import { runLint } from "../../src/lint/run-lint.ts";
import { type ContractDocument, DOCUMENTS } from "../../src/registry.ts";

/** What each gate that reads only specs/, CHANGELOG.md and generated/ refuses in a root: empty when it passes. */
export interface SpecGateVerdicts {
  /** `npm run breaking`: the breaking changes not allowed, as `document: change (verdict)`. */
  breaking: string[];
  /** `npm run consistency`: the OpenAPI/AsyncAPI ↔ protobuf differences. */
  consistency: string[];
  /** `npm run lint:contracts` on `lint`: the errors no reviewed exception covers, and stale exceptions. */
  lint: string[];
  /** `generate:check`: generated/ against what the root's specs produce. */
  drift: string[];
}

/**
 * Runs the spec gates on a root (a {@link import("../temp-root.ts").tempCopy}): the breaking-change and
 * consistency gates on every document, the lint on the documents `lint` names (Redocly is the slow one),
 * the drift check of `<root>/generated` against `<root>/specs`.
 */
export async function runSpecGates(root: string, lint: ContractDocument[]): Promise<SpecGateVerdicts> {
  const findings = await checkBreaking({ root });
  const verdict = applyExceptions(await runLint(lint, { root }), await loadExceptions());
  return {
    breaking: findings.filter((f) => !f.allowed).map((f) => `${f.document}: ${f.change} (${f.verdict})`),
    consistency: await checkConsistency(DOCUMENTS, { root }),
    lint: [
      ...verdict.errors.map(
        ({ document, problem }) => `${document} ${problem.rule} ${problem.pointer}: ${problem.message}`,
      ),
      ...verdict.stale.map((e) => `stale exception: ${e.document} ${e.rule} ${e.pointer}`),
    ],
    drift: await checkDrift(join(root, "specs"), join(root, "generated")),
  };
}
