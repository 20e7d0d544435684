import { SpecIndex } from "@jeeves/codecs";
import type { Middleware } from "openapi-fetch";
import { decodeResponse } from "./decode-response.ts";
import { encodeRequest } from "./encode-request.ts";
import type { WireSettings } from "./wire-settings.ts";

/**
 * The openapi-fetch middleware that puts JSON bodies on the wire in the chosen encoding and brings
 * responses back as JSON. The spec is indexed once; each call finds its operation by method and
 * `schemaPath` (the path template) to get the request and response schemas. A request body with a
 * property its schema does not declare makes the call throw an `UndeclaredPropertyError`.
 */
export function codecMiddleware(spec: Record<string, unknown>, settings: WireSettings): Middleware {
  const index = new SpecIndex(spec);
  const operation = (method: string, schemaPath: string) => index.byRoute.get(`${method.toUpperCase()} ${schemaPath}`);
  return {
    async onRequest({ request, schemaPath }) {
      const op = operation(request.method, schemaPath);
      return encodeRequest(request, op?.requestBody?.schema, settings, op?.operationId);
    },
    async onResponse({ request, response, schemaPath }) {
      const op = operation(request.method, schemaPath);
      const schema = op ? index.response(op, response.status)?.schema : undefined;
      return decodeResponse(response, schema, request.method.toUpperCase());
    },
  };
}
