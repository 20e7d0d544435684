import { type BodySchema, encodeBody, essence, JSON_TYPE, undeclaredProperties } from "@jeeves/codecs";
import { gzip } from "./gzip.ts";
import { UndeclaredPropertyError } from "./undeclared-property-error.ts";
import { acceptHeader, type WireSettings } from "./wire-settings.ts";

/**
 * Turns the request openapi-fetch built (JSON body) into the one sent on the wire: the body
 * re-encoded in the chosen media type with the operation's request schema (writeOnly fields kept),
 * gzip-compressed when asked, and Accept / Accept-Encoding set. A body with a property the schema does
 * not declare, at any depth, is not filtered but refused: it throws {@link UndeclaredPropertyError}
 * before anything is sent. A body that is not JSON (a custom bodySerializer) is sent as it is.
 */
export async function encodeRequest(
  request: Request,
  schema: BodySchema | undefined,
  settings: WireSettings,
  operationId = `${request.method} ${new URL(request.url).pathname}`,
): Promise<Request> {
  if (request.body === null) {
    // Nothing to re-encode: the request's own (mutable) headers take Accept, no new Request is built.
    request.headers.set("Accept", acceptHeader(settings));
    if (settings.gzip) request.headers.set("Accept-Encoding", "gzip");
    return request;
  }
  const headers = new Headers(request.headers);
  headers.set("Accept", acceptHeader(settings));
  if (settings.gzip) headers.set("Accept-Encoding", "gzip");
  if (essence(headers.get("Content-Type") ?? undefined) !== JSON_TYPE) return new Request(request, { headers });
  const text = await request.text();
  if (text === "") return new Request(request, { headers, body: null });
  const value: unknown = JSON.parse(text);
  const [undeclared] = undeclaredProperties(value, schema);
  if (undeclared !== undefined) throw new UndeclaredPropertyError(undeclared, operationId);
  let body: Uint8Array = encodeBody(settings.mediaType, value, schema, "request");
  headers.set("Content-Type", settings.mediaType);
  headers.delete("Content-Length");
  if (settings.gzip) {
    body = await gzip(body);
    headers.set("Content-Encoding", "gzip");
  }
  return new Request(request, { headers, body });
}
