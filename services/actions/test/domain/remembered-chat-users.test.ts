import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rememberChatUsers } from "../../src/domain/remembered-chat-users.ts";
import { type ChatIdentity, UserGone } from "../../src/domain/user-records.ts";
import { MemoryRecords } from "../../testing/index.ts";

const BERTIE: ChatIdentity = { source: "slack", team: "T0DRONES1", user: "U0BERTIE1" };
const GUSSIE: ChatIdentity = { source: "slack", team: "T0DRONES1", user: "U0GUSSIE1" };
const LOCAL_BERTIE: ChatIdentity = { source: "local", team: "T0DRONES1", user: "U0BERTIE1" };

describe("rememberChatUsers", () => {
  it("asks the records once per chat identity: a writer seen before costs no call", async () => {
    const memory = new MemoryRecords();
    const records = rememberChatUsers(memory);
    const id = await records.findOrCreate(BERTIE);
    const calls = memory.calls;
    assert.equal(await records.findOrCreate(BERTIE), id);
    assert.equal(memory.calls, calls, "the second findOrCreate did not reach the records");
    assert.notEqual(await records.findOrCreate(GUSSIE), id, "another writer is another user");
    assert.notEqual(await records.findOrCreate(LOCAL_BERTIE), id, "the same ids from another chat are another writer");
    assert.equal(memory.userCount, 3);
  });

  it("forgets a user the records say is gone: the writer is found (here created) again", async () => {
    const memory = new MemoryRecords();
    const records = rememberChatUsers(memory);
    const id = await records.findOrCreate(BERTIE);
    memory.deleteUser(id);
    await assert.rejects(records.listSettings(id), UserGone);
    const again = await records.findOrCreate(BERTIE);
    assert.notEqual(again, id);
    assert.deepEqual(await records.listSettings(again), []);
  });

  it("forgets a user hasUser says does not exist", async () => {
    const memory = new MemoryRecords();
    const records = rememberChatUsers(memory);
    const id = await records.findOrCreate(BERTIE);
    memory.deleteUser(id);
    assert.equal(await records.hasUser(id), false);
    assert.notEqual(await records.findOrCreate(BERTIE), id);
  });

  it("keeps at most `max` identities, forgetting the least recently used", async () => {
    const memory = new MemoryRecords();
    const records = rememberChatUsers(memory, 2);
    await records.findOrCreate(BERTIE);
    await records.findOrCreate(GUSSIE);
    await records.findOrCreate(LOCAL_BERTIE);
    const calls = memory.calls;
    await records.findOrCreate(BERTIE);
    assert.equal(memory.calls, calls + 1, "the oldest identity was asked for again");
  });

  it("passes every other call and its answer through", async () => {
    const memory = new MemoryRecords();
    const records = rememberChatUsers(memory);
    const id = await records.findOrCreate(BERTIE);
    await records.setSetting(id, "units", "metric");
    assert.equal(await records.getSetting(id, "units"), "metric");
    assert.equal(await records.deleteSetting(id, "units"), true);
    await records.setLocation(id, "Paris");
    assert.equal(await records.getLocation(id), "Paris");
    assert.equal(await records.hasUser(id), true);
  });
});
