import { banner } from "./banner.ts";
import type { SpecFile } from "./spec-files.ts";

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"] as const;

/** The operationIds of a spec, in the order they appear. */
export function operationIds(document: Record<string, unknown>): string[] {
  const ids: string[] = [];
  const paths = (document.paths ?? {}) as Record<string, Record<string, { operationId?: string }>>;
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      if (!op.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      ids.push(op.operationId);
    }
  }
  return ids;
}

function pascal(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join("");
}

/** The generic handler types every spec's handler table is built from (written once as handlers/types.ts). */
export function renderHandlerBase(): string {
  return `${banner("packages/codegen/src/handler-types.ts")}
/** The JSON-shaped body of a request body or response object (the same in every encoding; a form's fields). */
export type BodyOf<T> = T extends { content: { "application/json": infer B } }
  ? B
  : T extends { content: { "application/problem+json": infer P } }
    ? P
    : T extends { content: infer C }
      ? [keyof C] extends [never]
        ? undefined
        : C[keyof C]
      : undefined;

type Params<Op, Where extends string> = Op extends { parameters: infer P }
  ? P extends Record<Where, infer X>
    ? [X] extends [never]
      ? Record<string, never>
      : X
    : P extends Partial<Record<Where, infer X>>
      ? [X] extends [never | undefined]
        ? Record<string, never>
        : NonNullable<X>
      : Record<string, never>
  : Record<string, never>;

type LowercaseKeys<T> = { [K in keyof T as K extends string ? Lowercase<K> : K]: T[K] };

/** What a handler receives: validated path, query, headers (lower-case names) and the decoded body. */
export interface HandlerRequest<Op> {
  params: Params<Op, "path">;
  query: Params<Op, "query">;
  headers: LowercaseKeys<Params<Op, "header">> & Record<string, string | string[] | undefined>;
  body: Op extends { requestBody: infer RB } ? BodyOf<NonNullable<RB>> : undefined;
}

/** One documented response: its status, its body in JSON shape, and extra headers. */
export type HandlerResult<Op> = Op extends { responses: infer R }
  ? {
      [S in keyof R]: BodyOf<R[S]> extends undefined
        ? { status: S; body?: undefined; headers?: Record<string, string> }
        : { status: S; body: BodyOf<R[S]>; headers?: Record<string, string> };
    }[keyof R]
  : never;

/** A handler for one operation; \`Ctx\` is what the service kit passes beside the request. */
export type OperationHandler<Op, Ctx = unknown> = (
  request: HandlerRequest<Op>,
  context: Ctx,
) => Promise<HandlerResult<Op>> | HandlerResult<Op>;
`;
}

/** Renders the typed handler table of one spec: one alias per operation and the table keyed by operationId. */
export function renderHandlerTypes(spec: SpecFile): string {
  const ids = operationIds(spec.document);
  const prefix = pascal(spec.name);
  const aliases = ids
    .map(
      (id) =>
        `/** Handler of \`${id}\`. */\nexport type ${pascal(id)}Handler<Ctx = unknown> = OperationHandler<operations["${id}"], Ctx>;`,
    )
    .join("\n");
  return `${banner(spec.source)}
import type { operations } from "../openapi/${spec.name}.ts";
import type { OperationHandler } from "./types.ts";

/** The operationIds of ${spec.name}, in spec order. */
export const ${spec.name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())}OperationIds = ${JSON.stringify(ids)} as const;

/** Every operation of ${spec.name} mapped to its handler; the compiler checks each against the spec. */
export type ${prefix}Handlers<Ctx = unknown> = { [K in keyof operations]: OperationHandler<operations[K], Ctx> };

${aliases}
`;
}
