import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { MemoryBus, silentLogger } from "@jeeves/bus";
import { MemoryRecords, startTestActions } from "../../testing/index.ts";
import { build } from "../helper.ts";

describe("startTestActions", () => {
  it("runs actions against a real test dataservice, and `send` resolves with the reply", async (t) => {
    const actions = await build(t, {});
    assert.ok(actions.dataserviceUrl?.startsWith("http://127.0.0.1:"));
    assert.equal((await actions.send("config set units metric")).text, "units is now metric.");
    assert.equal((await actions.send("config get units")).text, "units is metric.");
    assert.equal(actions.replies.length, 2);
  });

  it("works on a bus it is given, and leaves it open on close", async () => {
    const bus = new MemoryBus({ logger: silentLogger });
    const actions = await startTestActions({ bus, records: new MemoryRecords() });
    assert.match((await actions.send("help")).text, /^Here is what I can do/);
    await actions.close();
    await bus.publish("chat.message.slack", new Uint8Array());
    await bus.close();
  });

  it("rejects `send` when no reply comes in time", async (t) => {
    const records = new MemoryRecords();
    const slow = records.findOrCreate.bind(records);
    records.findOrCreate = async (identity) => {
      await sleep(200);
      return slow(identity);
    };
    const actions = await build(t, { records });
    await assert.rejects(actions.send("config show", {}, 50), /no reply to "config show" within 50 ms/);
  });
});
