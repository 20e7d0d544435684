import { readFileSync } from "node:fs";
import YAML from "yaml";
import type { DreddTransaction } from "../../src/dredd/hooks/dredd-api.ts";
import { buildPlan, type DreddPlan, type PlannedTransaction } from "../../src/dredd/plan.ts";
import { ROOT } from "../../src/registry.ts";

const plans = new Map<string, DreddPlan>();

/** The Dredd plan of a provider's spec (cached per test file). */
export function planOf(name: string): DreddPlan {
  let plan = plans.get(name);
  if (!plan) {
    plan = buildPlan(YAML.parse(readFileSync(`${ROOT}specs/openapi/${name}.yaml`, "utf8")));
    plans.set(name, plan);
  }
  return plan;
}

/** A planned transaction by name; throws when the plan has none. */
export function planned(spec: string, name: string): PlannedTransaction {
  const transaction = planOf(spec).byName.get(name);
  if (!transaction) throw new Error(`${name} is not planned`);
  return transaction;
}

/** A Dredd transaction as Dredd hands it to beforeEach for a planned one. */
export function dreddTransaction(transaction: PlannedTransaction): DreddTransaction {
  return {
    name: transaction.name,
    id: `${transaction.operation.method} (${transaction.status}) /prepared`,
    fullPath: "/prepared",
    skip: false,
    request: {
      method: transaction.operation.method,
      uri: "/prepared",
      headers: { Accept: transaction.mediaType ?? "application/json", "User-Agent": "Dredd/14.1.0" },
      body: "",
    },
    expected: {
      statusCode: transaction.status,
      headers: transaction.mediaType ? { "Content-Type": transaction.mediaType } : {},
    },
  };
}
