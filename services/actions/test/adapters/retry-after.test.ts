import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MemoryBus, publishChatMessage, type Reply, RetryLaterError, subscribeReplies } from "@jeeves/bus";
import { retryError, startChatConsumer } from "../../src/adapters/chat-consumer.ts";
import { createDataserviceRecords, MAX_RETRY_AFTER_MS, retryAfterMs } from "../../src/adapters/dataservice-records.ts";
import { RecordsUnavailable } from "../../src/domain/user-records.ts";
import { chatMessage, MemoryRecords } from "../../testing/index.ts";
import { recordingLogger, waitFor } from "../helper.ts";

describe("Retry-After of the dataservice", () => {
  it("is read as seconds or an HTTP date, capped at a minute", () => {
    const now = Date.parse("2026-11-28T08:00:00Z");
    assert.equal(retryAfterMs("5", now), 5000);
    assert.equal(retryAfterMs(" 0 ", now), 0);
    assert.equal(retryAfterMs("3600", now), MAX_RETRY_AFTER_MS);
    assert.equal(retryAfterMs("Sat, 28 Nov 2026 08:00:07 GMT", now), 7000);
    assert.equal(retryAfterMs("Sat, 28 Nov 2026 07:00:00 GMT", now), 0);
    assert.equal(retryAfterMs("soon", now), undefined);
    assert.equal(retryAfterMs("-1", now), undefined);
    assert.equal(retryAfterMs(null, now), undefined);
  });

  it("a 503 with Retry-After makes RecordsUnavailable carry it; a 4xx stays a refusal", async () => {
    let status = 503;
    const records = createDataserviceRecords({
      baseUrl: "http://127.0.0.1:9",
      auth: { token: async () => "token", invalidate() {} },
      fetch: async () =>
        new Response(
          JSON.stringify({ type: "about:blank", title: "x", status, code: "DATASERVICE_ERR_DATABASE_DOWN" }),
          {
            status,
            headers: { "content-type": "application/problem+json", ...(status === 503 ? { "retry-after": "5" } : {}) },
          },
        ),
    });
    const identity = { source: "slack", team: "T0123ABCD", user: "U0456EFGH" };
    await assert.rejects(records.findOrCreate(identity), (error: unknown) => {
      assert.ok(error instanceof RecordsUnavailable);
      assert.equal(error.retryAfterMs, 5000);
      assert.match(error.message, /answered 503 DATASERVICE_ERR_DATABASE_DOWN/);
      return true;
    });
    status = 400;
    await assert.rejects(records.findOrCreate(identity), (error: unknown) => !(error instanceof RecordsUnavailable));
  });

  it("retryError waits the Retry-After, or the backoff when longer, at most a minute; other errors pass", () => {
    const down = (ms?: number) => new RecordsUnavailable("dataservice x: answered 503", { retryAfterMs: ms });
    const later = retryError(down(5000), 1, 50);
    assert.ok(later instanceof RetryLaterError);
    assert.equal(later.delayMs, 5000);
    assert.equal((retryError(down(1000), 3, 5000) as RetryLaterError).delayMs, 20_000, "the backoff is longer");
    assert.equal((retryError(down(MAX_RETRY_AFTER_MS), 9, 5000) as RetryLaterError).delayMs, 60_000);
    const plain = down();
    assert.equal(retryError(plain, 1, 50), plain, "no Retry-After: the bus's backoff");
    const other = new TypeError("boom");
    assert.equal(retryError(other, 1, 50), other);
  });

  it("the consumer hands the Retry-After to the bus and answers once the records are back", async (t) => {
    const busLogger = recordingLogger();
    const bus = new MemoryBus({ logger: busLogger });
    t.after(() => bus.close());
    const records = new MemoryRecords();
    let failures = 2;
    const findOrCreate = records.findOrCreate.bind(records);
    records.findOrCreate = async (identity) => {
      if (failures-- > 0) throw new RecordsUnavailable("answered 503", { retryAfterMs: 20 });
      return findOrCreate(identity);
    };
    const replies: Reply[] = [];
    await subscribeReplies(bus, "test", async (reply) => {
      replies.push(reply);
    });
    await startChatConsumer({ bus, records, logger: recordingLogger(), maxAttempts: 3, retryDelayMs: 1 });
    await publishChatMessage(bus, chatMessage("config set units metric"));
    await waitFor(() => replies.length === 1);
    assert.equal(replies[0].text, "units is now metric.", "answered, not apologised, on the third attempt");
    const retries = busLogger.lines.filter((line) => line.message === "handler failed, will retry");
    assert.deepEqual(
      retries.map((line) => (line.fields as { retryInMs: number }).retryInMs),
      [20, 20],
      "each retry waited the Retry-After, not the 1 ms backoff",
    );
    assert.deepEqual(bus.deadLetters, []);
  });
});
