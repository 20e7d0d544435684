import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeBody, MEDIA_TYPE_OF, SpecIndex } from "@jeeves/codecs";
import { spec } from "@jeeves/generated/specs/scheduler";
import { MemoryAlerts, startTestScheduler } from "../../testing/index.ts";

const index = new SpecIndex(spec);

for (const encoding of ["json", "msgpack", "protobuf"] as const) {
  describe(`health over ${encoding}`, () => {
    it("/health and /ready answer in the asked encoding; /ready's 503 is a problem", async (t) => {
      const scheduler = await startTestScheduler({ records: new MemoryAlerts() });
      t.after(() => scheduler.close());
      const type = MEDIA_TYPE_OF[encoding];
      const get = async (url: string) => {
        const res = await scheduler.app.inject({ url, headers: { accept: type } });
        const op = index.operation(url === "/health" ? "getHealth" : "getReady");
        const schema = index.response(op, res.statusCode)?.schema;
        return { res, body: decodeBody(String(res.headers["content-type"]), res.rawPayload, schema, true) };
      };
      const health = await get("/health");
      assert.equal(health.res.statusCode, 200);
      assert.equal(String(health.res.headers["content-type"]).split(";")[0], type);
      assert.deepEqual(health.body, { status: "ok", service: "scheduler", checks: [] });
      const ready = await get("/ready");
      assert.deepEqual(ready.body, { status: "ok", service: "scheduler", checks: [{ name: "clock", status: "ok" }] });
      await scheduler.app.alertClock.stop();
      const stopped = await get("/ready");
      assert.equal(stopped.res.statusCode, 503);
      assert.equal(stopped.res.headers["retry-after"], "5");
      assert.equal((stopped.body as { code?: string }).code, "SCHEDULER_ERR_NOT_RUNNING");
    });
  });
}
