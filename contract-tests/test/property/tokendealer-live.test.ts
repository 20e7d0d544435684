import assert from "node:assert/strict";
import { test } from "node:test";
import { essence, MEDIA_TYPE_OF, SpecIndex } from "@jeeves/codecs";
import { spec } from "@jeeves/generated/specs/tokendealer";
import { createAjv } from "./ajv.ts";
import { ENCODING_NAMES, liveTokendealer } from "./live-services.ts";

const index = new SpecIndex(spec);
const ajv = createAjv();

test("tokendealer: health answers are the same in JSON, MessagePack and protobuf", async (t) => {
  const { clients, wire } = await liveTokendealer(t);
  for (const [path, operationId] of [
    ["/health", "getHealth"],
    ["/ready", "getReady"],
  ] as const) {
    await t.test(`${path}: one valid answer, whatever the encoding`, async () => {
      const answers: unknown[] = [];
      for (const encoding of ENCODING_NAMES) {
        const { data, response } = await clients[encoding].GET(path);
        assert.equal(response.status, 200, encoding);
        assert.equal(essence(wire[encoding].got), MEDIA_TYPE_OF[encoding], `${encoding} on the wire`);
        answers.push(data);
      }
      const validate = ajv.compile(index.response(index.operation(operationId), 200)?.schema ?? {});
      assert.ok(validate(answers[0]), ajv.errorsText(validate.errors));
      assert.equal((answers[0] as { service: string }).service, "tokendealer");
      assert.deepEqual(answers[1], answers[0], "MessagePack");
      assert.deepEqual(answers[2], answers[0], "protobuf");
    });
  }
});
