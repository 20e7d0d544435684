/** One answer of the demo OpenWeatherMap mock: a status and its JSON body. */
export interface MockAnswer {
  status: number;
  body: unknown;
}

/** Answers one request (method, path with query, `Prefer` header) from the spec's examples. */
export type MockAnswerer = (method: string, url: string, prefer?: string) => MockAnswer;

type Node = Record<string, unknown>;
type Schema = {
  type?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
};

interface Operation {
  /** The examples of each documented status, by name, in the spec's order. */
  examples: Map<number, Map<string, unknown>>;
  /** The query parameters and their schemas. */
  query: { name: string; required: boolean; schema: Schema }[];
  /** The query parameters that carry an API key (`appid`): one of them must be set. */
  keys: string[];
  /** The status answered when nothing else applies: the lowest 2xx. */
  success: number;
}

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The examples of one response's JSON body: its named `examples`, else its `example` as `default`. */
function responseExamples(response: unknown): Map<string, unknown> {
  const media = isNode(response) && isNode(response.content) ? response.content["application/json"] : undefined;
  const found = new Map<string, unknown>();
  if (!isNode(media)) return found;
  if (isNode(media.examples)) {
    for (const [name, example] of Object.entries(media.examples)) {
      if (isNode(example) && "value" in example) found.set(name, example.value);
    }
  }
  if (found.size === 0 && "example" in media) found.set("default", media.example);
  return found;
}

/** The query parameters that hold an API key, from the security requirements and schemes. */
function apiKeyParameters(spec: Node, operation: Node): string[] {
  const schemes =
    isNode(spec.components) && isNode(spec.components.securitySchemes) ? spec.components.securitySchemes : {};
  const requirements = (operation.security ?? spec.security ?? []) as Node[];
  const names = new Set<string>();
  for (const requirement of requirements) {
    for (const schemeName of Object.keys(requirement)) {
      const scheme = schemes[schemeName];
      if (isNode(scheme) && scheme.type === "apiKey" && scheme.in === "query" && typeof scheme.name === "string") {
        names.add(scheme.name);
      }
    }
  }
  return [...names];
}

function readOperation(spec: Node, path: string, method: string, node: Node): Operation {
  const examples = new Map<number, Map<string, unknown>>();
  for (const [status, response] of Object.entries(isNode(node.responses) ? node.responses : {})) {
    if (/^\d{3}$/.test(status)) examples.set(Number(status), responseExamples(response));
  }
  const success = [...examples.keys()].filter((status) => status >= 200 && status < 300).sort((a, b) => a - b)[0];
  if (success === undefined || (examples.get(success)?.size ?? 0) === 0) {
    throw new Error(`${method.toUpperCase()} ${path} has no JSON example of a 2xx answer to serve`);
  }
  const query = ((node.parameters ?? []) as Node[])
    .filter((parameter) => parameter.in === "query" && typeof parameter.name === "string")
    .map((parameter) => ({
      name: parameter.name as string,
      required: parameter.required === true,
      schema: (isNode(parameter.schema) ? parameter.schema : {}) as Schema,
    }));
  return { examples, query, keys: apiKeyParameters(spec, node), success };
}

/** Whether a query value fits the parameter's schema (type, enum, bounds, lengths: what the spec uses). */
function fits(value: string, schema: Schema): boolean {
  if (schema.type === "number" || schema.type === "integer") {
    const number = value.trim() === "" ? Number.NaN : Number(value);
    if (!Number.isFinite(number) || (schema.type === "integer" && !Number.isInteger(number))) return false;
    if (schema.minimum !== undefined && number < schema.minimum) return false;
    if (schema.maximum !== undefined && number > schema.maximum) return false;
    return schema.enum === undefined || schema.enum.includes(number);
  }
  if (schema.minLength !== undefined && value.length < schema.minLength) return false;
  if (schema.maxLength !== undefined && value.length > schema.maxLength) return false;
  return schema.enum === undefined || schema.enum.includes(value);
}

/** `Prefer: code=404, example=name` (Prism's syntax) as its parts. */
function preferences(prefer: string | undefined): { code?: number; example?: string } {
  const found: { code?: number; example?: string } = {};
  for (const part of (prefer ?? "").split(/[,;]/)) {
    const [key, value] = part.split("=").map((s) => s.trim());
    if (key === "code" && value && /^\d{3}$/.test(value)) found.code = Number(value);
    if (key === "example" && value) found.example = value;
  }
  return found;
}

function errorBody(status: number, message: string): MockAnswer {
  return { status, body: { cod: String(status), message } };
}

/** The named (else the first) example of a status, or undefined when the spec has none for it. */
function example(operation: Operation, status: number, name?: string): MockAnswer | undefined {
  const examples = operation.examples.get(status);
  if (!examples || examples.size === 0) return undefined;
  if (name !== undefined && examples.has(name)) return { status, body: examples.get(name) };
  return { status, body: examples.values().next().value };
}

/**
 * Answers requests from an OpenAPI document's examples, the way the demo needs: a path and method of
 * the spec answer the first example of their lowest 2xx status; without the API key the spec's query
 * security names (`appid`), its 401 example; a query parameter that breaks its schema, the 400 example;
 * `Prefer: code=<status>` and `Prefer: example=<name>` choose another documented answer (as with Prism).
 * Nothing is invented: every body is one of the spec's examples, except the answer to a path or method
 * the spec lacks (404, 405) or a status it has no example for (`{cod, message}`, OpenWeatherMap's error shape).
 */
export function answersFromSpec(spec: Record<string, unknown>): MockAnswerer {
  const operations = new Map<string, Map<string, Operation>>();
  for (const [path, item] of Object.entries(isNode(spec.paths) ? spec.paths : {})) {
    const methods = new Map<string, Operation>();
    for (const [method, node] of Object.entries(isNode(item) ? item : {})) {
      if (HTTP_METHODS.has(method) && isNode(node)) methods.set(method, readOperation(spec, path, method, node));
    }
    operations.set(path, methods);
  }
  return (method, url, prefer) => {
    const parsed = new URL(url, "http://mock.invalid");
    const methods = operations.get(parsed.pathname);
    if (!methods) return errorBody(404, `the mock knows no path ${parsed.pathname}`);
    const operation = methods.get(method.toLowerCase());
    if (!operation) return errorBody(405, `the mock knows no ${method} ${parsed.pathname}`);
    const chosen = preferences(prefer);
    if (operation.keys.length > 0 && !operation.keys.some((key) => parsed.searchParams.get(key))) {
      return example(operation, 401) ?? errorBody(401, "Invalid API key");
    }
    const broken = operation.query.find(({ name, required, schema }) => {
      const value = parsed.searchParams.get(name);
      return value === null ? required : !fits(value, schema);
    });
    if (broken) return example(operation, 400) ?? errorBody(400, `wrong ${broken.name}`);
    if (chosen.code !== undefined) {
      return example(operation, chosen.code, chosen.example) ?? errorBody(chosen.code, "no example for this status");
    }
    if (chosen.example !== undefined) {
      for (const status of operation.examples.keys()) {
        if (operation.examples.get(status)?.has(chosen.example)) return example(operation, status, chosen.example)!;
      }
    }
    return example(operation, operation.success)!;
  };
}
