import { PROTOBUF_TYPE, SpecIndex } from "@jeeves/codecs";
import type { JsonSchema } from "../property/arbitrary-for.ts";

/** A parameter of an operation (path-level and operation-level merged, $refs resolved). */
export interface FuzzParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  schema: JsonSchema;
}

/** What an operation asks of its caller, as the spec's `security` says. */
export type FuzzGuard =
  | { kind: "none" }
  /** OAuth 2.0 / HTTP bearer: a token holding `scopes`; `optional` when `{}` is one of the requirements. */
  | { kind: "bearer"; scopes: string[]; optional: boolean }
  /** HTTP Basic client credentials (the TokenDealer's OAuth endpoints); optional as well. */
  | { kind: "basic"; optional: boolean }
  /** An API key computed over the request (Slack's signature). */
  | { kind: "signature" };

/** One operation of a spec, as the fuzzer needs it. */
export interface FuzzTarget {
  operationId: string;
  method: string;
  /** The path template: `/users/{userId}`. */
  path: string;
  parameters: FuzzParameter[];
  body?: {
    mediaTypes: string[];
    required: boolean;
    schema: JsonSchema;
    /** The protobuf message of the schema, when it is offered as protobuf. */
    protoMessage?: string;
    /** The spec's examples of the body (valid bodies to mutate beside generated ones). */
    examples: unknown[];
  };
  guard: FuzzGuard;
  /** Media types offered by the 2xx answers (an `Accept` naming one of them is answerable). */
  successTypes: string[];
  /**
   * Error statuses for which the spec documents `application/json` rather than problem+json (the OAuth
   * endpoints' RFC 6749 errors): an error body there may be `{error, error_description}`.
   */
  jsonErrorStatuses: Set<number>;
}

type Raw = Record<string, unknown>;

function examplesOf(media: Raw | undefined): unknown[] {
  if (!media) return [];
  const found: unknown[] = [];
  if (media.example !== undefined) found.push(media.example);
  for (const example of Object.values((media.examples ?? {}) as Record<string, { value?: unknown }>)) {
    if (example?.value !== undefined) found.push(example.value);
  }
  const schemaExample = (media.schema as Raw | undefined)?.example;
  if (schemaExample !== undefined) found.push(schemaExample);
  return found;
}

function guardOf(security: Array<Record<string, string[]>>, schemes: Record<string, Raw>): FuzzGuard {
  const optional = security.some((requirement) => Object.keys(requirement).length === 0);
  for (const requirement of security) {
    for (const [name, scopes] of Object.entries(requirement)) {
      const scheme = schemes[name] ?? {};
      const type = scheme.type;
      const httpScheme = String(scheme.scheme ?? "").toLowerCase();
      if (type === "oauth2" || (type === "http" && httpScheme === "bearer")) {
        return { kind: "bearer", scopes, optional };
      }
      if (type === "http" && httpScheme === "basic") return { kind: "basic", optional };
      if (type === "apiKey") return { kind: "signature" };
    }
  }
  return { kind: "none" };
}

/** Every operation of a spec, in spec order, with its parameters, body, security and documented errors. */
export function fuzzTargets(spec: Record<string, unknown>): FuzzTarget[] {
  const index = new SpecIndex(spec);
  const document = index.document;
  const paths = document.paths as Record<string, Raw>;
  const schemes = ((document.components as Raw | undefined)?.securitySchemes ?? {}) as Record<string, Raw>;
  const targets: FuzzTarget[] = [];
  for (const op of index.byId.values()) {
    const item = paths[op.path];
    const raw = item[op.method.toLowerCase()] as Raw;
    const parameters = new Map<string, FuzzParameter>();
    for (const p of [...((item.parameters ?? []) as Raw[]), ...((raw.parameters ?? []) as Raw[])]) {
      const parameter: FuzzParameter = {
        name: String(p.name),
        in: p.in as FuzzParameter["in"],
        required: p.required === true,
        schema: (p.schema ?? {}) as JsonSchema,
      };
      parameters.set(`${parameter.in} ${parameter.name}`, parameter);
    }
    const requestBody = raw.requestBody as { required?: boolean; content?: Record<string, Raw> } | undefined;
    const jsonErrorStatuses = new Set<number>();
    for (const [status, body] of Object.entries(op.responses)) {
      if (Number(status) >= 400 && body.mediaTypes.includes("application/json")) jsonErrorStatuses.add(Number(status));
    }
    const schema = op.requestBody?.schema as JsonSchema | undefined;
    targets.push({
      operationId: op.operationId,
      method: op.method,
      path: op.path,
      parameters: [...parameters.values()],
      body:
        op.requestBody && schema
          ? {
              mediaTypes: op.requestBody.mediaTypes,
              required: requestBody?.required === true,
              schema,
              protoMessage: op.requestBody.mediaTypes.includes(PROTOBUF_TYPE)
                ? (schema["x-proto-message"] as string | undefined)
                : undefined,
              examples: Object.values(requestBody?.content ?? {}).flatMap(examplesOf),
            }
          : undefined,
      guard: guardOf(op.security, schemes),
      successTypes: op.successTypes,
      jsonErrorStatuses,
    });
  }
  return targets;
}
