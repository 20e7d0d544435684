import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Bus, MemoryBus, silentLogger } from "@jeeves/bus";
import { decodeMsgpack } from "@jeeves/codecs";
import { ServiceError } from "@jeeves/service-kit";
import { buildApp } from "../../src/app.ts";
import { getReady } from "../../src/handlers/get-ready.ts";
import { MemoryRecords } from "../../testing/index.ts";
import { build } from "../helper.ts";

describe("health", () => {
  it("/health and /ready answer in JSON and MessagePack while consuming", async (t) => {
    const { app } = await build(t);
    const health = await app.inject("/health");
    assert.equal(health.statusCode, 200);
    assert.deepEqual(health.json(), { status: "ok", service: "actions", checks: [] });
    const ready = await app.inject({ url: "/ready", headers: { accept: "application/msgpack" } });
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.headers["content-type"], "application/msgpack");
    assert.deepEqual(decodeMsgpack(ready.rawPayload), {
      status: "ok",
      service: "actions",
      checks: [{ name: "bus", status: "ok" }],
    });
  });

  it("/ready is 503 ACTIONS_ERR_NOT_CONSUMING while not subscribed", async () => {
    const app = { chatConsumer: { subscribed: false } };
    assert.throws(
      () => getReady({} as never, { app } as never),
      (error: unknown) => {
        assert.ok(error instanceof ServiceError);
        assert.equal(error.statusCode, 503);
        assert.equal(error.code, "ACTIONS_ERR_NOT_CONSUMING");
        assert.equal(error.headers?.["retry-after"], "5");
        return true;
      },
    );
  });

  it("does not become ready when the bus refuses the subscription (fail fast)", async () => {
    const memory = new MemoryBus({ logger: silentLogger });
    const bus: Bus = {
      publish: (...args) => memory.publish(...args),
      subscribe: async () => {
        throw new Error("bus: closed");
      },
      close: () => memory.close(),
    };
    const app = await buildApp({ bus, records: new MemoryRecords(), logger: false });
    await assert.rejects(async () => {
      await app.ready();
    }, /bus: closed/);
    await app.close();
    await memory.close();
  });

  it("needs records or a dataservice", async () => {
    const bus = new MemoryBus({ logger: silentLogger });
    await assert.rejects(buildApp({ bus, logger: false }), /needs `records` or `dataservice`/);
    await bus.close();
  });
});
