import { Validator } from "@seriousme/openapi-schema-validator";

type CompiledMetaSchema = (specification: unknown) => boolean;
type ValidatorInternals = {
  ajvOptions?: unknown;
  getAjvValidator?: (this: ValidatorInternals, version: string) => CompiledMetaSchema;
};

const compiled = new Map<string, CompiledMetaSchema>();
let shared = false;

/**
 * Makes every `Validator` of @seriousme/openapi-schema-validator share one compiled OpenAPI meta-schema
 * per OpenAPI version (and ajv options). fastify-openapi-glue validates each service's spec with a new
 * Validator, which compiled that large meta-schema again each time: about 0.2 s per service at start-up,
 * over a second for the suite's six. Every spec is still validated, by the same schema; only the compiled
 * function is reused (ajv validation is synchronous, its `errors` read right after). Idempotent; does
 * nothing if a future version of the validator no longer has `getAjvValidator`.
 */
export function shareOpenapiMetaSchemas(): void {
  if (shared) return;
  const prototype = Validator.prototype as unknown as ValidatorInternals;
  const compile = prototype.getAjvValidator;
  if (typeof compile !== "function") return;
  shared = true;
  prototype.getAjvValidator = function cachedAjvValidator(this: ValidatorInternals, version: string) {
    const key = `${version} ${JSON.stringify(this.ajvOptions ?? {})}`;
    let validate = compiled.get(key);
    if (!validate) {
      validate = compile.call(this, version);
      compiled.set(key, validate);
    }
    return validate;
  };
}
