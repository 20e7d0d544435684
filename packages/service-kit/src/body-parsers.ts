import { decodeBody, JSON_TYPE, MSGPACK_TYPE, PROBLEM_TYPE, PROTOBUF_TYPE } from "@jeeves/codecs";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { KIT_ERR } from "./errors.ts";
import { routeOperation } from "./route-spec.ts";

/** Form-encoded bodies, as OAuth 2.0 endpoints take them. */
export const FORM_TYPE = "application/x-www-form-urlencoded";

type Done = (error: Error | null, body?: unknown) => void;
type TextParser = (request: FastifyRequest, body: string, done: Done) => void;

/** No bytes are no body (not a parse error): the kit's body check then answers 400 when one is required. */
function emptyIsAbsent(parse: TextParser): TextParser {
  return (request, body, done) => (body.length === 0 ? done(null, undefined) : parse(request, body, done));
}

/**
 * Request body parsers for JSON, MessagePack, protobuf and forms. Protobuf needs the operation's request
 * schema to know its message. Bytes that do not decode answer 400. Zero bytes of JSON or MessagePack are
 * no body at all (`request.body` stays undefined); zero bytes of protobuf are a message whose fields all
 * equal their defaults (proto3 writes nothing for them), decoded like any other; zero bytes of a form are
 * the form with no fields, `{}`.
 */
export const bodyParsers = fp(
  async (app: FastifyInstance) => {
    // OAuth endpoints take forms (RFC 6749): fields become strings; a repeated field keeps its first value.
    app.addContentTypeParser(FORM_TYPE, { parseAs: "string" }, (_request, body, done) => {
      const fields: Record<string, string> = {};
      for (const [key, value] of new URLSearchParams(body as string)) if (!(key in fields)) fields[key] = value;
      done(null, fields);
    });
    // fastify's own JSON parser (with its prototype-poisoning checks), but an empty body is no body.
    const json = emptyIsAbsent(app.getDefaultJsonParser("error", "error") as TextParser);
    app.removeContentTypeParser(JSON_TYPE);
    app.addContentTypeParser(JSON_TYPE, { parseAs: "string" }, json as never);
    // Problems are JSON; a spec that takes them (a webhook, say) gets them parsed like JSON.
    app.addContentTypeParser(PROBLEM_TYPE, { parseAs: "string" }, json as never);
    for (const type of [MSGPACK_TYPE, PROTOBUF_TYPE]) {
      app.addContentTypeParser(type, { parseAs: "buffer" }, (request, body, done) => {
        const bytes = body as Buffer;
        // Zero bytes of MessagePack are no value; zero bytes of protobuf are a message of defaults.
        if (bytes.length === 0 && type === MSGPACK_TYPE) return done(null, undefined);
        const route = routeOperation(request);
        const schema = route?.operation.requestBody?.schema;
        try {
          // Proto3 leaves fields equal to their default off the wire: fill them, as JSON would carry them;
          // a field the message does not have (or with the wrong wire type) is refused, like in JSON.
          done(null, decodeBody(type, bytes, schema, true, true));
        } catch (error) {
          done(KIT_ERR.MALFORMED_BODY({ detail: (error as Error).message, cause: error }), undefined);
        }
      });
    }
  },
  { name: "jeeves-body-parsers" },
);
