import assert from "node:assert/strict";
import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { MemoryBus, publishChatMessage, type Reply, silentLogger, subscribeReplies } from "@jeeves/bus";
import { type FeatureFlags, openFeatureFlags } from "@jeeves/service-kit";
import { startChatConsumer } from "../../src/adapters/chat-consumer.ts";
import { UNKNOWN_REPLY } from "../../src/domain/run-command.ts";
import { chatMessage, MemoryRecords } from "../../testing/index.ts";
import { recordingLogger, waitFor } from "../helper.ts";

const NOW = new Date("2026-11-28T08:00:01.000Z");
const folder = mkdtempSync(join(tmpdir(), "jeeves-actions-flags-"));
after(() => rmSync(folder, { recursive: true, force: true }));

function writeFlags(file: string, workspaces: string[]): void {
  const flags = { "time-command": { value: false, rules: [{ workspaces, value: true }] } };
  writeFileSync(`${file}.tmp`, JSON.stringify({ flags }));
  renameSync(`${file}.tmp`, file);
}

function nextReload(flags: FeatureFlags): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no reload within 10 s")), 10_000);
    const remove = flags.onReload(() => {
      clearTimeout(timer);
      remove();
      resolve();
    });
  });
}

describe("the `time` command, rolled out by the time-command flag", () => {
  it("answers in a listed workspace and is unknown elsewhere; listing another in the file turns it on there, without a restart", async (t) => {
    const file = join(folder, "flags.json");
    writeFlags(file, ["T0EARLY01"]);
    const flags = await openFeatureFlags({ file, pollMs: 50 });
    t.after(() => flags.close());
    const bus = new MemoryBus({ logger: silentLogger });
    t.after(() => bus.close());
    const replies = new Map<string, Reply>();
    await subscribeReplies(bus, "test", async (reply) => {
      replies.set(reply.reply_to, reply);
    });
    const records = new MemoryRecords();
    await startChatConsumer({ bus, records, logger: recordingLogger(), now: () => NOW, flags });

    const ask = async (team: string) => {
      const message = chatMessage("time", { team });
      await publishChatMessage(bus, message);
      await waitFor(() => replies.has(message.message_id));
      return replies.get(message.message_id)?.text;
    };
    assert.equal(await ask("T0EARLY01"), "It is 08:00 UTC.");
    assert.equal(await ask("T0LATER01"), UNKNOWN_REPLY);
    // `help` lists it only where it is on.
    const help = async (team: string) => {
      const message = chatMessage("help", { team });
      await publishChatMessage(bus, message);
      await waitFor(() => replies.has(message.message_id));
      return replies.get(message.message_id)?.text ?? "";
    };
    assert.match(await help("T0EARLY01"), /`time`: the time now, in UTC/);
    assert.doesNotMatch(await help("T0LATER01"), /`time`/);

    const reloaded = nextReload(flags);
    writeFlags(file, ["T0EARLY01", "T0LATER01"]);
    await reloaded;
    assert.equal(await ask("T0LATER01"), "It is 08:00 UTC.");
    assert.equal(await ask("T0OTHER01"), UNKNOWN_REPLY);
  });

  it("is unknown without flags", async (t) => {
    const bus = new MemoryBus({ logger: silentLogger });
    t.after(() => bus.close());
    const replies: Reply[] = [];
    await subscribeReplies(bus, "test", async (reply) => {
      replies.push(reply);
    });
    await startChatConsumer({ bus, records: new MemoryRecords(), logger: recordingLogger(), now: () => NOW });
    await publishChatMessage(bus, chatMessage("time"));
    await waitFor(() => replies.length === 1);
    assert.equal(replies[0].text, UNKNOWN_REPLY);
  });
});
