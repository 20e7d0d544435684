import assert from "node:assert/strict";
import { test } from "node:test";
import { type BaselineAnswer, startBaseline } from "../src/baseline-server.ts";

const ANSWER: BaselineAnswer = {
  status: 200,
  headers: { "content-type": "application/msgpack" },
  bodyBase64: Buffer.from([0x81, 0xa2, 0x69, 0x64, 0x01]).toString("base64"),
};

for (const kind of ["node-http", "fastify"] as const) {
  test(`the ${kind} baseline answers every request with the captured status, type and bytes, whatever the path or body`, async () => {
    const baseline = await startBaseline(0, ANSWER, kind);
    try {
      for (const [path, init] of [
        ["/users/42", { headers: { accept: "application/msgpack" } }],
        ["/users", { method: "POST", headers: { "content-type": "application/json" }, body: '{"email":"a@b.c"}' }],
      ] as const) {
        const response = await fetch(`${baseline.url}${path}`, { ...init, signal: AbortSignal.timeout(10_000) });
        assert.equal(response.status, ANSWER.status, path);
        assert.equal(response.headers.get("content-type"), ANSWER.headers["content-type"], path);
        assert.deepEqual(Buffer.from(await response.arrayBuffer()), Buffer.from(ANSWER.bodyBase64, "base64"), path);
      }
    } finally {
      await baseline.close();
    }
  });
}
