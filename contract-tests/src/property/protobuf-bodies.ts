import { type BodySchema, PROTOBUF_TYPE, SpecIndex } from "@jeeves/codecs";

/** One body schema of a spec that travels as protobuf, and which way it travels. */
export interface ProtobufBody {
  /** The protobuf message its `x-proto-message` names. */
  message: string;
  /** `request` when it is a request body (writeOnly properties kept), else `response`. */
  direction: "request" | "response";
  /** The dereferenced schema. */
  schema: BodySchema;
  /** The operations that use it, e.g. `createUser 201`. */
  usedBy: string[];
}

/**
 * Every body schema of a spec that names a protobuf message and is offered as
 * application/x-protobuf (request bodies and responses), once per message and direction, in spec order.
 * Bodies offered in other media types only (errors: problem+json) never travel as protobuf.
 */
export function protobufBodies(spec: Record<string, unknown>): ProtobufBody[] {
  const index = new SpecIndex(spec);
  const found = new Map<string, ProtobufBody>();
  const add = (
    direction: ProtobufBody["direction"],
    body: { mediaTypes: string[]; schema?: BodySchema },
    use: string,
  ) => {
    const message = body.schema?.["x-proto-message"];
    if (!body.schema || !message || !body.mediaTypes.includes(PROTOBUF_TYPE)) return;
    const key = `${direction} ${message}`;
    const entry = found.get(key) ?? { message, direction, schema: body.schema, usedBy: [] };
    entry.usedBy.push(use);
    found.set(key, entry);
  };
  for (const op of index.byId.values()) {
    if (op.requestBody) add("request", op.requestBody, `${op.operationId} request`);
    for (const [status, body] of Object.entries(op.responses)) add("response", body, `${op.operationId} ${status}`);
  }
  return [...found.values()];
}
