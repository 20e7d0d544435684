import type { BodySchema, OperationSpec, SpecIndex } from "@jeeves/codecs";

type Json = Record<string, unknown>;

/** A parameter of an operation, as written in the (dereferenced) spec. */
export interface ParameterSpec {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: Json;
  example?: unknown;
}

function operationNode(index: SpecIndex, operation: OperationSpec): { item: Json; op: Json } {
  const item = (index.document.paths as Record<string, Json>)[operation.path];
  return { item, op: item[operation.method.toLowerCase()] as Json };
}

/** The parameters of an operation: the path item's, overridden by the operation's own. */
export function parametersOf(index: SpecIndex, operation: OperationSpec): ParameterSpec[] {
  const { item, op } = operationNode(index, operation);
  const byKey = new Map<string, ParameterSpec>();
  for (const parameter of [
    ...((item.parameters as ParameterSpec[]) ?? []),
    ...((op.parameters as ParameterSpec[]) ?? []),
  ]) {
    byKey.set(`${parameter.in}:${parameter.name}`, parameter);
  }
  return [...byKey.values()];
}

/** The schema of a response body in one media type. */
export function responseSchema(
  index: SpecIndex,
  operation: OperationSpec,
  status: string,
  mediaType: string,
): BodySchema | undefined {
  const { op } = operationNode(index, operation);
  const response = (op.responses as Record<string, Json>)[status];
  return ((response?.content as Record<string, Json> | undefined)?.[mediaType]?.schema ?? undefined) as
    | BodySchema
    | undefined;
}

/** The example of a response body in one media type (its Media Type Object's `example`). */
export function responseExample(
  index: SpecIndex,
  operation: OperationSpec,
  status: string,
  mediaType: string,
): unknown {
  const { op } = operationNode(index, operation);
  const response = (op.responses as Record<string, Json>)[status];
  return (response?.content as Record<string, Json> | undefined)?.[mediaType]?.example;
}

/** The request body's Media Type Object for one media type (schema, example). */
export function requestMedia(
  index: SpecIndex,
  operation: OperationSpec,
  mediaType: string,
): { schema?: BodySchema; example?: unknown } | undefined {
  const { op } = operationNode(index, operation);
  const body = op.requestBody as Json | undefined;
  return (body?.content as Record<string, { schema?: BodySchema; example?: unknown }> | undefined)?.[mediaType];
}

/** The spec's security schemes by name. */
export function securitySchemes(index: SpecIndex): Record<string, Json> {
  const components = (index.document.components ?? {}) as Json;
  return (components.securitySchemes ?? {}) as Record<string, Json>;
}
