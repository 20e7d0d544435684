import { Ajv } from "ajv";
import formats, { type FormatsPlugin } from "ajv-formats";

// ajv-formats is CommonJS: Node's default import is the plugin itself, which TypeScript types as the module.
const addFormats = ((formats as unknown as { default?: FormatsPlugin }).default ?? formats) as FormatsPlugin;

/** An ajv with the formats (email, uuid, date-time…), lenient on OpenAPI's extra keywords, like the services'. */
export function createAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv;
}
