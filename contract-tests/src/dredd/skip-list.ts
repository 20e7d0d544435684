import { readFileSync } from "node:fs";
import YAML from "yaml";

/** One reviewed skip: a transaction name or a `*` pattern, and why it does not run. */
export interface SkipRule {
  key: string;
  reason: string;
  matches(name: string): boolean;
}

function matcher(key: string): (name: string) => boolean {
  if (!key.includes("*")) return (name) => name === key;
  const pattern = new RegExp(
    `^${key
      .split("*")
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  return (name) => pattern.test(name);
}

/**
 * Parses the reviewed skip list: one section per provider (its name in PROVIDERS), each mapping a
 * transaction name or a pattern (`*` matches any characters) to the reason it does not run. Throws on
 * anything else, so a malformed file cannot silently skip nothing or everything.
 */
export function parseSkipList(text: string): Map<string, SkipRule[]> {
  const parsed = (YAML.parse(text) ?? {}) as unknown;
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error("dredd-skips.yaml: expected a map of provider name to skips");
  }
  const sections = new Map<string, SkipRule[]>();
  for (const [provider, skips] of Object.entries(parsed)) {
    if (skips === null) {
      sections.set(provider, []);
      continue;
    }
    if (typeof skips !== "object" || Array.isArray(skips)) {
      throw new Error(`dredd-skips.yaml: ${provider} must map transaction names or patterns to reasons`);
    }
    const rules: SkipRule[] = [];
    for (const [key, reason] of Object.entries(skips as Record<string, unknown>)) {
      if (typeof reason !== "string" || reason.trim() === "") {
        throw new Error(`dredd-skips.yaml: ${provider} › ${key} needs a reason`);
      }
      rules.push({ key, reason, matches: matcher(key) });
    }
    sections.set(provider, rules);
  }
  return sections;
}

/** Reads the reviewed skip list file (see `parseSkipList`). */
export function loadSkipList(path: string): Map<string, SkipRule[]> {
  return parseSkipList(readFileSync(path, "utf8"));
}

/** The first rule that covers a transaction name, if any. */
export function findSkip(rules: readonly SkipRule[], name: string): SkipRule | undefined {
  return rules.find((rule) => rule.matches(name));
}
