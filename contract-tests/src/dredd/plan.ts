import { type OperationSpec, SpecIndex } from "@jeeves/codecs";

/** A request variant: plain, or with a gzip request body and `Accept-Encoding: gzip`. */
export type Variant = "identity" | "gzip";

/** The variants every operation × status × media type runs in. */
export const VARIANTS: readonly Variant[] = ["identity", "gzip"];

/** One transaction Dredd is expected to run: an operation, a documented status, a media type, a variant. */
export interface PlannedTransaction {
  /** Dredd's transaction name, e.g. `/users > createUser > 201 > application/msgpack`. */
  name: string;
  operation: OperationSpec;
  /** The documented status, as written in the spec ("201"). */
  status: string;
  /** The response media type, or undefined for a response without a body (204, 304). */
  mediaType?: string;
  variant: Variant;
}

/** What Dredd runs: the prepared document it parses, and the transactions it must produce from it. */
export interface DreddPlan {
  /** The spec's dereferenced index (schemas, media types, security of every operation). */
  index: SpecIndex;
  /** The OpenAPI 3 document handed to Dredd (JSON text: Dredd's YAML parser chokes on our flow mappings). */
  document: string;
  transactions: PlannedTransaction[];
  byName: Map<string, PlannedTransaction>;
}

/**
 * The name Dredd gives a planned transaction: `<path template> > <operationId>[ [gzip]] > <status>[ > <media type>]`.
 * Dredd builds it from the prepared document (path item summary, operation summary, status, Content-Type).
 */
export function transactionName(
  operation: OperationSpec,
  status: string,
  mediaType: string | undefined,
  variant: Variant,
) {
  const action = variant === "gzip" ? `${operation.operationId} [gzip]` : operation.operationId;
  return [operation.path, action, status, mediaType].filter(Boolean).join(" > ");
}

/** A path key without template braces (Dredd then needs no parameter examples: the hooks write every URI). */
function preparedPath(path: string, variant: Variant): string {
  const plain = path.replace(/\{([^{}]+)\}/g, ":$1");
  return variant === "gzip" ? `/~gzip${plain}` : plain;
}

type Json = Record<string, unknown>;

function preparedResponse(response: Json): Json {
  const out: Json = { description: String(response.description ?? "") };
  const headers = response.headers as Record<string, unknown> | undefined;
  if (headers) {
    // Dredd checks that each documented header is present (not its value): keep the names.
    out.headers = Object.fromEntries(Object.keys(headers).map((name) => [name, {}]));
  }
  const content = response.content as Record<string, unknown> | undefined;
  if (content) out.content = Object.fromEntries(Object.keys(content).map((type) => [type, {}]));
  return out;
}

/**
 * Prepares what Dredd runs for a spec. Dredd's OpenAPI 3 parser cannot be given our specs as they are
 * (its YAML reader fails on flow mappings, it does not resolve schema `$ref`s, it makes one transaction per
 * request media type × response with duplicate names, and it only knows one request per operation), so
 * the spec is rewritten at run time into a document that yields exactly one uniquely named transaction per
 * operation × documented status × response media type × variant. Bodies, URIs, headers and schemas are
 * filled in by the hooks from the real (dereferenced) spec; the prepared document only drives the runner.
 * `select` keeps only some transactions (a fixture server that serves a few routes, say).
 */
export function buildPlan(
  spec: Record<string, unknown>,
  select: (transaction: PlannedTransaction) => boolean = () => true,
): DreddPlan {
  const index = new SpecIndex(spec);
  const source = index.document as Json;
  const sourcePaths = source.paths as Record<string, Record<string, Json>>;
  const paths: Record<string, Json> = {};
  const transactions: PlannedTransaction[] = [];
  for (const variant of VARIANTS) {
    for (const [path, item] of Object.entries(sourcePaths)) {
      const preparedItem: Json = { summary: path };
      // Document order, so that an operation's 200 (whose ETag a 304 needs) runs before its 304.
      for (const method of Object.keys(item)) {
        const operation = index.byRoute.get(`${method.toUpperCase()} ${path}`);
        if (!operation) continue;
        const responses = item[method].responses as Record<string, Json>;
        const preparedResponses: Json = {};
        for (const [status, response] of Object.entries(responses)) {
          const types = Object.keys((response.content as Json | undefined) ?? {});
          const kept = (types.length > 0 ? types : [undefined]).filter((mediaType) => {
            const transaction: PlannedTransaction = {
              name: transactionName(operation, status, mediaType, variant),
              operation,
              status,
              mediaType,
              variant,
            };
            if (!select(transaction)) return false;
            transactions.push(transaction);
            return true;
          });
          if (kept.length === 0) continue;
          const prepared = preparedResponse(response);
          if (prepared.content) {
            prepared.content = Object.fromEntries(kept.map((type) => [type, {}]));
          }
          preparedResponses[status] = prepared;
        }
        if (Object.keys(preparedResponses).length === 0) continue;
        preparedItem[method] = {
          summary: variant === "gzip" ? `${operation.operationId} [gzip]` : operation.operationId,
          operationId: variant === "gzip" ? `${operation.operationId}Gzip` : operation.operationId,
          responses: preparedResponses,
        };
      }
      if (Object.keys(preparedItem).length > 1) paths[preparedPath(path, variant)] = preparedItem;
    }
  }
  const info = source.info as Json;
  const document = {
    openapi: "3.0.3",
    info: { title: String(info.title), version: String(info.version) },
    paths,
  };
  return {
    index,
    document: JSON.stringify(document, null, 2),
    transactions,
    byName: new Map(transactions.map((t) => [t.name, t])),
  };
}
