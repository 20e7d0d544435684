import { decodeBody, MSGPACK_TYPE, PROBLEM_TYPE, PROTOBUF_TYPE } from "@jeeves/codecs";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { KIT_ERR } from "./errors.ts";

/** Form-encoded bodies, as OAuth 2.0 endpoints take them. */
export const FORM_TYPE = "application/x-www-form-urlencoded";

import { routeOperation } from "./route-spec.ts";

/**
 * Request body parsers for MessagePack, protobuf and forms (fastify parses JSON itself). Protobuf needs the
 * operation's request schema to know its message. Bytes that do not decode answer 400.
 */
export const bodyParsers = fp(
  async (app: FastifyInstance) => {
    // OAuth endpoints take forms (RFC 6749): fields become strings; a repeated field keeps its first value.
    app.addContentTypeParser(FORM_TYPE, { parseAs: "string" }, (_request, body, done) => {
      const fields: Record<string, string> = {};
      for (const [key, value] of new URLSearchParams(body as string)) if (!(key in fields)) fields[key] = value;
      done(null, fields);
    });
    // Problems are JSON; a spec that takes them (a webhook, say) gets them parsed like JSON.
    app.addContentTypeParser(PROBLEM_TYPE, { parseAs: "string" }, app.getDefaultJsonParser("error", "error"));
    for (const type of [MSGPACK_TYPE, PROTOBUF_TYPE]) {
      app.addContentTypeParser(type, { parseAs: "buffer" }, (request, body, done) => {
        const route = routeOperation(request);
        const schema = route?.operation.requestBody?.schema;
        try {
          // Proto3 leaves fields equal to their default off the wire: fill them, as JSON would carry them.
          done(null, decodeBody(type, body as Buffer, schema, true));
        } catch (error) {
          done(KIT_ERR.MALFORMED_BODY({ detail: (error as Error).message, cause: error }), undefined);
        }
      });
    }
  },
  { name: "jeeves-body-parsers" },
);
