import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { jeeves } from "@jeeves/generated/proto";
import { NotYourUser, toLocalChatMessage } from "../../src/domain/local-chat-message.ts";

const FIELDS = { messageId: "3f1c2a9e-8d4b-4c7e-9a1f-2b3c4d5e6f70", time: "2026-11-28T08:00:00.000Z" };
const PERSON = "0190b8a2-7c1e-7d4a-9f3e-5b2a1c0d9e8f";
const SERVICE = { clientId: "jeeves-admin" };
const DASHBOARD = { clientId: "dashboard", person: PERSON };

describe("toLocalChatMessage", () => {
  it("a service's token: the body's user, else the client; never a person", () => {
    assert.deepEqual(toLocalChatMessage(SERVICE, { text: "help" }, FIELDS), {
      message_id: FIELDS.messageId,
      source: "local",
      team: "local",
      channel: "local-jeeves-admin",
      user: "jeeves-admin",
      text: "help",
      time: FIELDS.time,
    });
    const bertie = toLocalChatMessage(SERVICE, { text: "help", user: PERSON, conversation: "c1" }, FIELDS);
    assert.deepEqual([bertie.user, bertie.channel, "person" in bertie], [PERSON, "c1", false]);
    assert.equal(toLocalChatMessage(undefined, { text: "help" }, FIELDS).user, "local");
  });

  it("a person's token: person and user are the person, the default conversation local-<person>", () => {
    const message = toLocalChatMessage(DASHBOARD, { text: "weather" }, FIELDS);
    assert.deepEqual(
      { person: message.person, user: message.user, channel: message.channel },
      { person: PERSON, user: PERSON, channel: `local-${PERSON}` },
    );
    const named = toLocalChatMessage(
      DASHBOARD,
      { text: "weather", user: PERSON.toUpperCase(), conversation: "d" },
      FIELDS,
    );
    assert.deepEqual([named.person, named.user, named.channel], [PERSON, PERSON, "d"]);
  });

  it("a person's token naming another user is NotYourUser", () => {
    for (const user of ["bertie", "0190b8a2-7c1e-7d4a-9f3e-5b2a1c0d9e90", ""]) {
      assert.throws(() => toLocalChatMessage(DASHBOARD, { text: "hi", user }, FIELDS), NotYourUser, user);
    }
  });

  it("the person survives the bus's protobuf (field 10), and a message without it decodes without it", () => {
    const withPerson = toLocalChatMessage(DASHBOARD, { text: "weather" }, FIELDS);
    const decoded = jeeves.v1.ChatMessage.toObject(
      jeeves.v1.ChatMessage.decode(jeeves.v1.ChatMessage.encode(withPerson).finish()),
    );
    assert.equal(decoded.person, PERSON);
    const without = toLocalChatMessage(SERVICE, { text: "weather" }, FIELDS);
    const plain = jeeves.v1.ChatMessage.decode(jeeves.v1.ChatMessage.encode(without).finish());
    assert.equal(Object.hasOwn(jeeves.v1.ChatMessage.toObject(plain), "person"), false);
  });
});
