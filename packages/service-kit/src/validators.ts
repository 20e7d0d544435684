import AjvCompiler from "@fastify/ajv-compiler";

type Options = Parameters<AjvCompiler.BuildCompilerFromPool>[1];

/**
 * A validator factory for fastify's `schemaController`: fastify's own ajv compiler (ajv-formats, the
 * server's `ajv` options), split by request part. Query strings, path parameters and headers arrive as
 * text, so their types are coerced (`?size=42` is the integer 42); bodies carry their own types in every
 * encoding and are validated strictly, without coercion (a MessagePack `42` where a string is required
 * is refused, not stored as `"42"`).
 */
export function partValidators(): AjvCompiler.BuildCompilerFromPool {
  const fromPool = AjvCompiler();
  return (externalSchemas, options: Options = {}) => {
    const coercing = fromPool(externalSchemas, options);
    const strictOptions = { ...options, customOptions: { ...options.customOptions, coerceTypes: false } } as Options;
    const strict = fromPool(externalSchemas, strictOptions);
    return (route) => (route.httpPart === "body" ? strict : coercing)(route);
  };
}
