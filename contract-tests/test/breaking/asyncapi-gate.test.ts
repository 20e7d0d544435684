import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkBreaking, type Finding } from "../../src/breaking/check-breaking.ts";
import { FIXTURE_DOCUMENTS, type TempRepo, tempRepo } from "./temp-repo.ts";

const BUS = "specs/asyncapi/bus.yaml";
const REPLY = "channels.chatReply.messages.reply (Reply)";

/** The parts of the fixture bus the cases edit. */
interface Bus {
  info: { version: string };
  channels: Record<string, { address: string; description?: string }>;
  operations: Record<string, unknown>;
  components: {
    schemas: Record<
      string,
      { description?: string; required: string[]; properties: Record<string, Record<string, unknown>> }
    >;
  };
}

const edit = (repo: TempRepo, change: (bus: Bus) => void) => repo.editYaml<Bus>(BUS, change);
const renameAddress = (repo: TempRepo) =>
  edit(repo, (bus) => {
    bus.channels.chatReply.address = "chat.replies.{destination}";
  });

interface Case {
  name: string;
  /** The second commit. */
  change: (repo: TempRepo) => Promise<void>;
  /** Whether the gate passes (no breaking change that is not allowed). */
  passes: boolean;
  /** The bus findings, as `type allowed: change`, in order. */
  findings: string[];
  verdict?: RegExp;
}

const cases: Case[] = [
  {
    name: "a channel address renamed fails without a new major",
    change: renameAddress,
    passes: false,
    findings: [
      "breaking false: channels.chatReply.address: [Renamed] chat.reply.{destination} → chat.replies.{destination}",
    ],
    verdict: /keeps the major, and no line of CHANGELOG.md names bus 1.0.0/,
  },
  {
    name: "a channel address renamed fails with a new major but no CHANGELOG line",
    change: async (repo) => {
      await renameAddress(repo);
      await edit(repo, (bus) => {
        bus.info.version = "2.0.0";
      });
      await repo.write("CHANGELOG.md", "- things 2.0.0: another document\n");
    },
    passes: false,
    findings: [
      "breaking false: channels.chatReply.address: [Renamed] chat.reply.{destination} → chat.replies.{destination}",
      "annotation true: info: [Replaced] version 1.0.0 → 2.0.0",
    ],
    verdict: /raises the major, and no line of CHANGELOG.md names bus 2.0.0/,
  },
  {
    name: "a channel address renamed passes with a new major and a CHANGELOG line",
    change: async (repo) => {
      await renameAddress(repo);
      await edit(repo, (bus) => {
        bus.info.version = "2.0.0";
      });
      await repo.write("CHANGELOG.md", "- bus 2.0.0: breaking: chat.reply.* renamed chat.replies.*\n");
    },
    passes: true,
    findings: [
      "breaking true: channels.chatReply.address: [Renamed] chat.reply.{destination} → chat.replies.{destination}",
      "annotation true: info: [Replaced] version 1.0.0 → 2.0.0",
    ],
    verdict: /allowed: info.version 1.0.0 → 2.0.0 raises the major and CHANGELOG.md says "- bus 2.0.0: breaking/,
  },
  {
    name: "a channel removed fails",
    change: (repo) =>
      edit(repo, (bus) => {
        delete bus.channels.chatMessage;
        delete bus.operations.publishChatMessage;
        delete bus.operations.receiveChatMessage;
      }),
    passes: false,
    findings: [
      "breaking false: channels.chatMessage: [Removed] channel chatMessage (chat.message.{source})",
      "breaking false: operations.publishChatMessage: [Removed] operation publishChatMessage (send on chatMessage)",
      "breaking false: operations.receiveChatMessage: [Removed] operation receiveChatMessage (receive on chatMessage)",
    ],
  },
  {
    name: "a property removed from a payload schema fails",
    change: (repo) =>
      edit(repo, (bus) => {
        delete bus.components.schemas.Reply.properties.thread;
      }),
    passes: false,
    findings: [`breaking false: ${REPLY}.payload.properties.thread: [Removed] property thread`],
  },
  {
    name: "a property newly required fails",
    change: (repo) =>
      edit(repo, (bus) => {
        bus.components.schemas.Reply.required.push("thread");
      }),
    passes: false,
    findings: [`breaking false: ${REPLY}.payload: [Added] required property thread: publishers may leave it out`],
  },
  {
    name: "a property's type changed fails",
    change: (repo) =>
      edit(repo, (bus) => {
        bus.components.schemas.Reply.properties.text.type = "integer";
      }),
    passes: false,
    findings: [`breaking false: ${REPLY}.payload.properties.text: [Replaced] type string → integer`],
  },
  {
    name: "an enum narrowed fails",
    change: (repo) =>
      edit(repo, (bus) => {
        bus.components.schemas.ChatMessage.properties.source.enum = ["slack"];
      }),
    passes: false,
    findings: [
      'breaking false: channels.chatMessage.messages.chatMessage (ChatMessage).payload.properties.source: [Removed] enum value "local"',
    ],
  },
  {
    name: "an optional property added passes, as non-breaking",
    change: (repo) =>
      edit(repo, (bus) => {
        bus.components.schemas.Reply.properties.weight = { type: "number" };
      }),
    passes: true,
    findings: [`non-breaking true: ${REPLY}.payload.properties.weight: [Added] optional property weight`],
  },
  {
    name: "a description edited passes, as an annotation",
    change: (repo) =>
      edit(repo, (bus) => {
        bus.components.schemas.Reply.description = "What Jeeves answers.";
      }),
    passes: true,
    findings: [`annotation true: ${REPLY}.payload: [Replaced] description`],
  },
];

describe("breaking-change gate on an AsyncAPI document (a temporary repository)", () => {
  for (const c of cases) {
    it(c.name, async (t) => {
      const repo = await tempRepo(t);
      await c.change(repo);
      await repo.commit(c.name);
      const findings = await checkBreaking({ root: repo.root, documents: FIXTURE_DOCUMENTS });
      const shown = (f: Finding) => `${f.type} ${f.allowed}: ${f.change}`;
      assert.deepEqual(
        findings.filter((f) => f.document !== "bus"),
        [],
        "only the bus changed",
      );
      assert.deepEqual(findings.map(shown), c.findings);
      assert.ok(
        findings.every((f) => f.source === "asyncapi"),
        "the AsyncAPI classifier found them",
      );
      assert.equal(
        findings.every((f) => f.allowed),
        c.passes,
      );
      if (c.verdict) assert.match(findings.find((f) => f.type === "breaking")?.verdict ?? "", c.verdict);
    });
  }
});
