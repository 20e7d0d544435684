import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { type ContractDocument, DOCUMENTS, ROOT } from "../registry.ts";
import { compareMessage } from "./compare-message.ts";
import { contractSchemas, type Node } from "./contract-schemas.ts";
import { loadProtoRoot } from "./proto-root.ts";

/** Where the documents and the .proto files are (defaults: the repository's). */
export interface ConsistencyOptions {
  /** The folder document paths are relative to. Default: the repository root. */
  root?: string;
  /** The folder holding the .proto files. Default: `<root>/specs/proto`. */
  protoDir?: string;
}

const SIDE: Record<ContractDocument["kind"], string> = { openapi: "OpenAPI", asyncapi: "AsyncAPI" };

/**
 * Why external documents (`external: true`) are not compared: they describe someone else's API (Slack,
 * OpenWeatherMap) in its own JSON or form format. That API has no protobuf form, so there is no message
 * of ours to agree with, and their schemas name none.
 */
export const EXTERNAL_SKIP_REASON = "external API: no protobuf form, nothing to compare";

/** The documents the check compares, and the ones it skips (external). */
export function consistencyScope(documents: ContractDocument[] = DOCUMENTS): {
  compared: ContractDocument[];
  skipped: ContractDocument[];
} {
  return {
    compared: documents.filter((d) => !d.external),
    skipped: documents.filter((d) => d.external),
  };
}

/**
 * Compares every schema with `x-proto-message` in the documents (default: the registry's DOCUMENTS,
 * OpenAPI and AsyncAPI alike; external ones skipped, see {@link EXTERNAL_SKIP_REASON}) with the protobuf
 * message it names, loaded from the .proto files, and answers the differences, one line each, such as
 * `dataservice User.email: optional in OpenAPI, not optional in jeeves.v1.User`. Empty when consistent.
 */
export async function checkConsistency(
  documents: ContractDocument[] = DOCUMENTS,
  options: ConsistencyOptions = {},
): Promise<string[]> {
  const root = options.root ?? ROOT;
  const protoRoot = await loadProtoRoot(options.protoDir ?? join(root, "specs/proto"));
  const differences: string[] = [];
  for (const entry of consistencyScope(documents).compared) {
    const document = parse(await readFile(join(root, entry.path), "utf8")) as Node;
    const { schemas, problems } = contractSchemas({ name: entry.name, kind: entry.kind, document });
    differences.push(...problems);
    const context = { document, side: SIDE[entry.kind], root: protoRoot };
    for (const { label, schema } of schemas) differences.push(...compareMessage(context, label, schema));
  }
  return differences;
}
