/** The parts of a JSON schema the filter reads. */
export interface FilterSchema {
  type?: string | string[];
  properties?: Record<string, FilterSchema>;
  additionalProperties?: boolean | FilterSchema;
  items?: FilterSchema;
  allOf?: FilterSchema[];
  writeOnly?: boolean;
  readOnly?: boolean;
  [key: string]: unknown;
}

/** Which way a body travels: requests drop readOnly properties, responses drop writeOnly ones. */
export type BodyDirection = "request" | "response";

/** Each schema with `allOf` merged once: a response's schema is the same object on every request. */
const mergedSchemas = new WeakMap<FilterSchema, FilterSchema>();

function merged(schema: FilterSchema): FilterSchema {
  if (!schema.allOf) return schema;
  let result = mergedSchemas.get(schema);
  if (!result) {
    const properties: Record<string, FilterSchema> = { ...(schema.properties ?? {}) };
    for (const part of schema.allOf) Object.assign(properties, merged(part).properties ?? {});
    result = { ...schema, properties };
    mergedSchemas.set(schema, result);
  }
  return result;
}

/**
 * Keeps only what a schema declares: unknown properties of objects are dropped, and so are writeOnly
 * ones in a response (the default) or readOnly ones in a request; arrays are filtered item by item,
 * undefined values are left out. Used on responses in every encoding, so a handler cannot leak a field
 * the spec does not list, and on requests a client encodes (where a writeOnly password must stay).
 */
export function filterBySchema(
  value: unknown,
  schema: FilterSchema | undefined,
  direction: BodyDirection = "response",
): unknown {
  if (!schema || value === null || value === undefined) return value;
  if (Array.isArray(value)) {
    return schema.items ? value.map((item) => filterBySchema(item, schema.items, direction)) : value;
  }
  if (typeof value !== "object" || value instanceof Uint8Array) return value;
  const s = merged(schema);
  const extra = s.additionalProperties;
  if (!s.properties && extra !== false && typeof extra !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item === undefined) continue;
    const property = s.properties?.[key];
    if (property) {
      const hidden = direction === "response" ? property.writeOnly : property.readOnly;
      if (!hidden) out[key] = filterBySchema(item, property, direction);
    } else if (extra === true) {
      out[key] = item;
    } else if (typeof extra === "object") {
      out[key] = filterBySchema(item, extra, direction);
    }
  }
  return out;
}

const pointerPart = (key: string) => key.replaceAll("~", "~0").replaceAll("/", "~1");

/**
 * The JSON pointers of the properties a value has and its schema does not declare, at any depth: the
 * ones {@link filterBySchema} would drop (not in `properties`, and `additionalProperties` neither
 * `true` nor a schema). A client refuses such a request body rather than filtering it, so a misspelled
 * property is an error instead of a silent loss.
 */
export function undeclaredProperties(value: unknown, schema: FilterSchema | undefined, pointer = ""): string[] {
  if (!schema || value === null || typeof value !== "object" || value instanceof Uint8Array) return [];
  if (Array.isArray(value)) {
    return schema.items ? value.flatMap((item, i) => undeclaredProperties(item, schema.items, `${pointer}/${i}`)) : [];
  }
  const s = merged(schema);
  const extra = s.additionalProperties;
  if (!s.properties && extra !== false && typeof extra !== "object") return [];
  const found: string[] = [];
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item === undefined) continue;
    const at = `${pointer}/${pointerPart(key)}`;
    const property = s.properties?.[key] ?? (typeof extra === "object" ? extra : undefined);
    if (property) found.push(...undeclaredProperties(item, property, at));
    else if (extra !== true) found.push(at);
  }
  return found;
}
