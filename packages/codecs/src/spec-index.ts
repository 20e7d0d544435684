import type { BodySchema } from "./body-codec.ts";
import { dereference } from "./dereference.ts";

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"] as const;

/** A body of an operation: the media types it is offered in and its (dereferenced) schema. */
export interface BodySpec {
  mediaTypes: string[];
  schema: BodySchema | undefined;
  /** For a request body: whether the spec requires it (`requestBody.required`). */
  required?: boolean;
}

/** What the codecs and negotiation need of one operation. */
export interface OperationSpec {
  operationId: string;
  method: string;
  /** The path template, as in the spec: `/users/{userId}`. */
  path: string;
  requestBody?: BodySpec;
  /** By status code as written in the spec ("200", "default"). */
  responses: Record<string, BodySpec>;
  /** Every media type a success (2xx) response is offered in, in spec order. */
  successTypes: string[];
  /** The security requirements that apply (the operation's, or the document's). */
  security: Array<Record<string, string[]>>;
}

function bodySpec(
  node: { content?: Record<string, { schema?: BodySchema }>; required?: boolean } | undefined,
): BodySpec | undefined {
  if (!node?.content) return undefined;
  const mediaTypes = Object.keys(node.content);
  const schema = node.content[mediaTypes[0]]?.schema;
  return { mediaTypes, schema, ...(node.required === true ? { required: true } : {}) };
}

/** Indexes a spec's operations by operationId and by `METHOD path`, with $refs resolved. */
export class SpecIndex {
  readonly document: Record<string, unknown>;
  readonly byId = new Map<string, OperationSpec>();
  readonly byRoute = new Map<string, OperationSpec>();

  constructor(spec: Record<string, unknown>) {
    this.document = dereference(spec);
    const paths = (this.document.paths ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
    const globalSecurity = (this.document.security ?? []) as Array<Record<string, string[]>>;
    for (const [path, item] of Object.entries(paths)) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        const responses: Record<string, BodySpec> = {};
        const successTypes: string[] = [];
        for (const [status, response] of Object.entries((op.responses ?? {}) as Record<string, never>)) {
          const body = bodySpec(response);
          responses[status] = body ?? { mediaTypes: [], schema: undefined };
          if (status.startsWith("2") && body) {
            for (const type of body.mediaTypes) if (!successTypes.includes(type)) successTypes.push(type);
          }
        }
        const spec: OperationSpec = {
          operationId: op.operationId as string,
          method: method.toUpperCase(),
          path,
          requestBody: bodySpec(op.requestBody as never),
          responses,
          successTypes,
          security: (op.security as Array<Record<string, string[]>> | undefined) ?? globalSecurity,
        };
        this.byId.set(spec.operationId, spec);
        this.byRoute.set(`${spec.method} ${path}`, spec);
      }
    }
  }

  /** The operation for an operationId; throws when the spec has none. */
  operation(operationId: string): OperationSpec {
    const op = this.byId.get(operationId);
    if (!op) throw new Error(`no operation ${operationId} in the spec`);
    return op;
  }

  /** The body spec of a response status, falling back to `default`. */
  response(op: OperationSpec, status: number): BodySpec | undefined {
    return op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.default;
  }
}
