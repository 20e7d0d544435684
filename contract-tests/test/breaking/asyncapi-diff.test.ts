import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { diffAsyncApi } from "../../src/breaking/asyncapi-diff.ts";
import { ROOT } from "../../src/registry.ts";

const FIXTURE = readFileSync(fileURLToPath(new URL("fixtures/bus.yaml", import.meta.url)), "utf8");

/** The parts of the fixture bus the cases edit (loosely typed: the cases reshape it). */
interface Schema {
  type?: string;
  required: string[];
  properties: Record<string, Schema & Record<string, unknown>>;
  [keyword: string]: unknown;
}
interface Channel {
  address: string;
  description?: string;
  parameters: Record<string, { enum: string[] }>;
  messages: Record<string, { $ref: string }>;
  bindings?: unknown;
}
interface Bus {
  channels: Record<string, Channel>;
  operations: Record<string, { action: string; channel: { $ref: string } }>;
  components: { messages: Record<string, Record<string, unknown>>; schemas: Record<string, Schema> };
}

/** The fixture edited by `change`, and the changes from the fixture to it as `type description`. */
function changesAfter(change: (bus: Bus) => void): string[] {
  const after = parse(FIXTURE) as Bus;
  change(after);
  return diffAsyncApi(parse(FIXTURE), after).map((c) => `${c.type} ${c.description}`);
}

const REPLY = "channels.chatReply.messages.reply (Reply)";
const CHAT = "channels.chatMessage.messages.chatMessage (ChatMessage)";

const cases: Array<{ name: string; change: (bus: Bus) => void; changes: string[] }> = [
  {
    name: "a channel address renamed is breaking",
    change: (bus) => {
      bus.channels.chatReply.address = "chat.replies.{destination}";
    },
    changes: ["breaking channels.chatReply.address: [Renamed] chat.reply.{destination} → chat.replies.{destination}"],
  },
  {
    name: "a channel removed (with its operations) is breaking",
    change: (bus) => {
      delete bus.channels.chatReply;
      delete bus.operations.publishReply;
      delete bus.operations.receiveReply;
    },
    changes: [
      "breaking channels.chatReply: [Removed] channel chatReply (chat.reply.{destination})",
      "breaking operations.publishReply: [Removed] operation publishReply (send on chatReply)",
      "breaking operations.receiveReply: [Removed] operation receiveReply (receive on chatReply)",
    ],
  },
  {
    name: "a channel id renamed with its address kept is the same channel: not breaking",
    change: (bus) => {
      bus.channels.replies = bus.channels.chatReply;
      delete bus.channels.chatReply;
      bus.operations.publishReply.channel.$ref = "#/channels/replies";
      bus.operations.receiveReply.channel.$ref = "#/channels/replies";
    },
    changes: [
      "non-breaking channels.replies: [Renamed] channel id chatReply → replies, address chat.reply.{destination} kept",
    ],
  },
  {
    name: "a message removed from a channel is breaking, for the channel and its operations",
    change: (bus) => {
      bus.channels.chatReply.messages = {};
    },
    changes: [
      `breaking ${REPLY}: [Removed] message reply`,
      "breaking operations.publishReply: [Removed] message reply",
      "breaking operations.receiveReply: [Removed] message reply",
    ],
  },
  {
    name: "a message renamed in its channel (same component) is breaking",
    change: (bus) => {
      bus.channels.chatReply.messages = { answer: { $ref: "#/components/messages/Reply" } };
    },
    changes: ["breaking channels.chatReply.messages.answer (Reply): [Renamed] message reply → answer"],
  },
  {
    name: "a message's name or components.messages key renamed is breaking",
    change: (bus) => {
      bus.components.messages.Answer = bus.components.messages.Reply;
      delete bus.components.messages.Reply;
      bus.channels.chatReply.messages.reply.$ref = "#/components/messages/Answer";
      bus.components.messages.ChatMessage.name = "Chat";
    },
    changes: [
      "breaking channels.chatMessage.messages.chatMessage (Chat): [Renamed] name ChatMessage → Chat",
      `breaking ${REPLY}: [Renamed] components.messages.Reply → components.messages.Answer`,
    ],
  },
  {
    name: "a message replaced by another (key, component and name) is a removal and an addition",
    change: (bus) => {
      bus.components.messages.Answer = { ...bus.components.messages.Reply, name: "Answer" };
      bus.channels.chatReply.messages = { answer: { $ref: "#/components/messages/Answer" } };
    },
    changes: [
      `breaking ${REPLY}: [Removed] message reply`,
      "non-breaking channels.chatReply.messages.answer (Answer): [Added] message answer",
      "breaking operations.publishReply: [Removed] message reply",
      "non-breaking operations.publishReply: [Added] message answer",
      "breaking operations.receiveReply: [Removed] message reply",
      "non-breaking operations.receiveReply: [Added] message answer",
    ],
  },
  {
    name: "a parameter removed or its enum narrowed is breaking",
    change: (bus) => {
      delete bus.channels.chatReply.parameters.destination;
      bus.channels.chatMessage.parameters.source.enum = ["slack"];
    },
    changes: [
      'breaking channels.chatMessage.parameters.source: [Removed] enum value "local"',
      "breaking channels.chatReply.parameters.destination: [Removed] parameter destination",
    ],
  },
  {
    name: "an operation removed or its action changed is breaking",
    change: (bus) => {
      delete bus.operations.receiveReply;
      bus.operations.publishReply.action = "receive";
    },
    changes: [
      "breaking operations.publishReply: [Replaced] action send → receive",
      "breaking operations.receiveReply: [Removed] operation receiveReply (receive on chatReply)",
    ],
  },
  {
    name: "a content type or protobuf message replaced is breaking",
    change: (bus) => {
      bus.components.messages.Reply.contentType = "application/json";
      bus.components.schemas.Reply["x-proto-message"] = "jeeves.v1.Other";
    },
    changes: [
      `breaking ${REPLY}: [Replaced] contentType application/x-protobuf → application/json`,
      `breaking ${REPLY}.payload: [Replaced] x-proto-message jeeves.v1.FixtureReply → jeeves.v1.Other: protobuf peers decode another message`,
    ],
  },
  {
    name: "a payload schema narrowed is breaking, nested objects and arrays included",
    change: (bus) => {
      const reply = bus.components.schemas.Reply;
      delete reply.properties.thread;
      reply.required.push("attachments");
      reply.properties.reply_to.type = "integer";
      reply.properties.time.format = "date";
      const chat = bus.components.schemas.ChatMessage;
      chat.properties.source.enum = ["slack"];
      chat.properties.text.maxLength = 100;
      chat.properties.message_id.minLength = 3;
      chat.properties.thread.pattern = "^[0-9]+$";
      const attachment = bus.components.schemas.Attachment;
      attachment.additionalProperties = false;
      delete attachment.properties.author.properties.icon;
    },
    changes: [
      `breaking ${CHAT}.payload.properties.message_id: [Added] minLength 3`,
      `breaking ${CHAT}.payload.properties.source: [Removed] enum value "local"`,
      `breaking ${CHAT}.payload.properties.text: [Replaced] maxLength 4000 → 100`,
      `breaking ${CHAT}.payload.properties.thread: [Added] pattern ^[0-9]+$`,
      `breaking ${REPLY}.payload.properties.reply_to: [Replaced] type string → integer`,
      `breaking ${REPLY}.payload.properties.thread: [Removed] property thread`,
      `breaking ${REPLY}.payload.properties.time: [Replaced] format date-time → date`,
      `breaking ${REPLY}.payload.properties.attachments.items.properties.author.properties.icon: [Removed] property icon`,
      `breaking ${REPLY}.payload.properties.attachments.items: [Added] additionalProperties false: properties it does not list are refused`,
      `breaking ${REPLY}.payload: [Added] required property attachments: publishers may leave it out`,
    ],
  },
  {
    name: "a property no longer required is breaking: receivers may rely on it",
    change: (bus) => {
      const reply = bus.components.schemas.Reply;
      reply.required = reply.required.filter((name) => name !== "time");
    },
    changes: [`breaking ${REPLY}.payload: [Removed] required property time: receivers may rely on it`],
  },
  {
    name: "a new optional property, enum value, looser bound, channel and operation are not breaking",
    change: (bus) => {
      bus.components.schemas.Reply.properties.weight = { type: "number" } as Schema & Record<string, unknown>;
      (bus.components.schemas.ChatMessage.properties.source.enum as string[]).push("teams");
      bus.components.schemas.ChatMessage.properties.text.maxLength = 8000;
      bus.channels.chatMessage.parameters.source.enum.push("teams");
      bus.channels.extra = { address: "extra.event", parameters: {}, messages: {} };
      bus.operations.extra = { action: "send", channel: { $ref: "#/channels/extra" } };
    },
    changes: [
      'non-breaking channels.chatMessage.parameters.source: [Added] enum value "teams"',
      `non-breaking ${CHAT}.payload.properties.source: [Added] enum value "teams"`,
      `non-breaking ${CHAT}.payload.properties.text: [Replaced] maxLength 4000 → 8000`,
      `non-breaking ${REPLY}.payload.properties.weight: [Added] optional property weight`,
      "non-breaking channels.extra: [Added] channel extra (extra.event)",
      "non-breaking operations.extra: [Added] operation extra (send on extra)",
    ],
  },
  {
    name: "a description or example edited is an annotation",
    change: (bus) => {
      bus.components.schemas.Reply.description = "Another description.";
      bus.components.schemas.Reply.properties.text.example = "hi";
      bus.channels.chatReply.description = "Answers.";
    },
    changes: [
      `annotation ${REPLY}.payload.properties.text: [Added] example`,
      `annotation ${REPLY}.payload: [Replaced] description`,
      "annotation channels.chatReply: [Replaced] description",
    ],
  },
  {
    name: "a keyword the classifier does not know is breaking when it changes, to be safe",
    change: (bus) => {
      bus.channels.chatReply.bindings = { amqp: { exchange: { name: "other" } } };
    },
    changes: ["breaking channels.chatReply: [Added] bindings (not classified by the gate: breaking, to be safe)"],
  },
];

describe("AsyncAPI breaking-change classifier", () => {
  it("finds no change between a document and itself", () => {
    assert.deepEqual(
      changesAfter(() => {}),
      [],
    );
  });

  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(changesAfter(c.change), c.changes);
    });
  }

  it("names each change's path in the document", () => {
    const after = parse(FIXTURE) as Bus;
    delete after.components.schemas.Reply.properties.thread;
    assert.deepEqual(
      diffAsyncApi(parse(FIXTURE), after).map((c) => c.path.join(".")),
      ["channels.chatReply.messages.reply.payload.properties.thread"],
    );
  });

  it("compares a recursive schema without looping, and finds a change inside it", () => {
    const tree = (leaf: string) => ({
      asyncapi: "3.0.0",
      info: { title: "t", version: "1.0.0" },
      channels: { tree: { address: "tree", messages: { node: { $ref: "#/components/messages/Node" } } } },
      components: {
        messages: { Node: { name: "Node", payload: { $ref: "#/components/schemas/Node" } } },
        schemas: {
          Node: {
            type: "object",
            properties: {
              [leaf]: { type: "string" },
              children: { type: "array", items: { $ref: "#/components/schemas/Node" } },
            },
          },
        },
      },
    });
    assert.deepEqual(diffAsyncApi(tree("label"), tree("label")), []);
    const changes = diffAsyncApi(tree("label"), tree("name")).map((c) => `${c.type} ${c.description}`);
    assert.deepEqual(changes, [
      "breaking channels.tree.messages.node (Node).payload.properties.label: [Removed] property label",
      "non-breaking channels.tree.messages.node (Node).payload.properties.name: [Added] optional property name",
    ]);
  });

  it("refuses to compare a document that is not AsyncAPI 3", () => {
    const [change] = diffAsyncApi({ asyncapi: "2.6.0" }, { asyncapi: "2.6.0" });
    assert.equal(change.type, "breaking");
    assert.match(change.description, /^asyncapi: \[Unsupported\] asyncapi 2\.6\.0 → 2\.6\.0/);
  });

  describe("on this repository's bus contract", () => {
    const current = readFileSync(`${ROOT}specs/asyncapi/bus.yaml`, "utf8");
    const version = (parse(current) as { info: { version: string } }).info.version;
    const released = readFileSync(`${ROOT}specs/released/bus/${version}.yaml`, "utf8");

    it("has no breaking change since its released version", () => {
      const breaking = diffAsyncApi(parse(released), parse(current)).filter((c) => c.type === "breaking");
      assert.deepEqual(breaking, []);
    });

    it("would break with the reply address renamed", () => {
      const after = parse(current) as Bus;
      after.channels.chatReply.address = "chat.replies.{destination}";
      const changes = diffAsyncApi(parse(current), after).map((c) => `${c.type} ${c.description}`);
      assert.deepEqual(changes, [
        "breaking channels.chatReply.address: [Renamed] chat.reply.{destination} → chat.replies.{destination}",
      ]);
    });
  });
});
