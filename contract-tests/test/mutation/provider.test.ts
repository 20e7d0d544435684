import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { JSON_TYPE, MSGPACK_TYPE, PROTOBUF_TYPE } from "@jeeves/codecs";
import { spec } from "@jeeves/generated/specs/dataservice";
import { formatReport, runDredd } from "../../src/dredd/run-dredd.ts";
import { MUTATED_FIELD, type ProviderMutation, startMutatedProvider } from "./fixtures/mutated-provider.ts";

/** The transactions of each run: GET /users/{userId} 200 in every media type, plain (not gzip). */
const transactionOf = (mediaType: string) => `/users/{userId} > getUser > 200 > ${mediaType}`;
const MEDIA_TYPES = [JSON_TYPE, MSGPACK_TYPE, PROTOBUF_TYPE];

interface ProviderCase {
  mutation: ProviderMutation;
  mediaType: string;
  todo?: string;
}

const cases: ProviderCase[] = (["wrong-type", "missing"] as ProviderMutation[]).flatMap((mutation) =>
  MEDIA_TYPES.map((mediaType) => ({ mutation, mediaType })),
);

describe("mutation: a provider breaking its response fails Dredd's provider verification", () => {
  for (const c of cases) {
    const what = c.mutation === "wrong-type" ? `returns ${MUTATED_FIELD} as a number` : `omits ${MUTATED_FIELD}`;
    it(`${what} in ${c.mediaType}: exactly that transaction fails, naming ${MUTATED_FIELD}`, {
      todo: c.todo,
    }, async (t) => {
      const session = await startMutatedProvider(c.mutation, c.mediaType);
      t.after(() => session.close());
      const report = await runDredd({
        name: `mutated-dataservice-${c.mutation}`,
        spec: spec as unknown as Record<string, unknown>,
        session,
        skips: [],
        select: (transaction) =>
          transaction.variant === "identity" &&
          transaction.operation.operationId === "getUser" &&
          transaction.status === "200",
        print: false,
      });
      const shown = formatReport(report);
      assert.equal(report.ok, false, shown);
      assert.equal(report.planned, MEDIA_TYPES.length, shown);
      assert.deepEqual(
        report.failures.map((f) => f.name),
        [transactionOf(c.mediaType)],
        shown,
      );
      assert.equal(report.passed, MEDIA_TYPES.length - 1, `the other encodings pass\n${shown}`);
      assert.ok(
        report.failures[0].messages.some((message) => message.includes(MUTATED_FIELD)),
        `no message names ${MUTATED_FIELD}\n${shown}`,
      );
    });
  }
});
