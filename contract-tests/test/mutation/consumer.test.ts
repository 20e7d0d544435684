import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createClient, UndeclaredPropertyError } from "@jeeves/client-kit";
import type { Encoding } from "@jeeves/codecs";
import type { paths } from "@jeeves/generated/openapi/dataservice";
import { spec } from "@jeeves/generated/specs/dataservice";
import { DATASERVICE_CALLS, type DataserviceClient } from "../consumers/dataservice-calls.ts";

/** The misspelling the mutation adds to every body. */
const UNDECLARED = "dispaly_name";
/** The consumers' calls that send a body (test/consumers/dataservice-calls.ts). */
const CALLS_WITH_BODY = DATASERVICE_CALLS.filter((call) => call.body !== undefined);

/**
 * The client a consumer builds, whose every call with a body also sends `undeclared` when given: the
 * consumer's call stays exactly as written, only its body mutates. Nothing leaves the process: `sent`
 * records the requests that would reach the network, each answered 204.
 */
function consumerClient(encoding: Encoding, undeclared?: string): { client: DataserviceClient; sent: Request[] } {
  const sent: Request[] = [];
  const client = createClient<paths>({
    spec,
    baseUrl: "http://127.0.0.1:9",
    encoding,
    fetch: async (request) => {
      sent.push(request);
      return new Response(null, { status: 204 });
    },
  });
  if (undeclared === undefined) return { client, sent };
  const mutated = new Proxy(client, {
    get(target, key, receiver) {
      const method = Reflect.get(target, key, receiver) as unknown;
      if (typeof method !== "function" || !["POST", "PUT", "PATCH"].includes(String(key))) return method;
      return (path: string, init: { body?: Record<string, unknown> } = {}) =>
        method.call(target, path, { ...init, body: { ...init.body, [undeclared]: "bertie" } });
    },
  });
  return { client: mutated, sent };
}

describe(`mutation: a consumer sending an undeclared property (${UNDECLARED}) is refused by the client kit`, () => {
  for (const encoding of ["json", "msgpack", "protobuf"] as Encoding[]) {
    it(`the consumers' calls as written are sent (the control, ${encoding})`, async () => {
      const { client, sent } = consumerClient(encoding);
      for (const call of CALLS_WITH_BODY) assert.equal((await call.call(client)).response.status, 204);
      assert.equal(sent.length, CALLS_WITH_BODY.length);
    });

    for (const call of CALLS_WITH_BODY) {
      it(`${call.name} (${call.operationId}, ${encoding}): refused naming ${UNDECLARED} and the operation`, async () => {
        const { client, sent } = consumerClient(encoding, UNDECLARED);
        await assert.rejects(call.call(client), (error: unknown) => {
          assert.ok(error instanceof UndeclaredPropertyError, String(error));
          assert.equal(error.code, "CLIENT_ERR_UNDECLARED_PROPERTY");
          assert.equal(error.pointer, `/${UNDECLARED}`);
          assert.equal(error.operationId, call.operationId);
          assert.equal(error.message, `${UNDECLARED} is not a property of the request body of ${call.operationId}`);
          return true;
        });
        assert.equal(sent.length, 0, "nothing reached the network");
      });
    }
  }
});
