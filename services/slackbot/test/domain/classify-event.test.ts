import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import fc from "fast-check";
import { parse } from "yaml";
import { type Classified, classifyEvent, type SlackEnvelope } from "../../src/domain/classify-event.ts";

interface Case {
  name: string;
  /** The bot user id to classify with; null for none. Default U0JEEVES01. */
  botUserId?: string | null;
  body: SlackEnvelope;
  expect: Classified;
}

const cases = parse(readFileSync(new URL("fixtures/events.yaml", import.meta.url), "utf8")) as Case[];

describe("classifyEvent", () => {
  for (const c of cases) {
    it(c.name, () => {
      const botUserId = c.botUserId === null ? undefined : (c.botUserId ?? "U0JEEVES01");
      assert.deepEqual(classifyEvent(c.body, { botUserId }), c.expect);
    });
  }

  it("covers every kind in the fixtures", () => {
    const kinds = new Set(cases.map((c) => c.expect.kind));
    assert.deepEqual([...kinds].sort(), ["ignored", "invalid", "message", "uninstalled", "url_verification"]);
  });

  it("works without options", () => {
    const body = cases.find((c) => c.name === "direct message to the bot")!.body;
    assert.equal(classifyEvent(body).kind, "message");
  });

  it("never throws, whatever a body the request schema lets through holds", () => {
    const event = fc.record(
      {
        type: fc.oneof(fc.constantFrom("app_mention", "message", "app_uninstalled", "tokens_revoked"), fc.jsonValue()),
        user: fc.jsonValue(),
        text: fc.jsonValue(),
        ts: fc.jsonValue(),
        thread_ts: fc.jsonValue(),
        channel: fc.jsonValue(),
        channel_type: fc.oneof(fc.constant("im"), fc.jsonValue()),
        subtype: fc.jsonValue(),
        bot_id: fc.jsonValue(),
        tokens: fc.oneof(fc.record({ bot: fc.jsonValue() }, { requiredKeys: [] }), fc.jsonValue()),
      },
      { requiredKeys: [] },
    );
    // The schema types the envelope's own fields (and requires `type`); the inner event's are Slack's, untyped.
    const envelope: fc.Arbitrary<SlackEnvelope> = fc.record(
      {
        type: fc.oneof(fc.constantFrom("event_callback", "url_verification", ""), fc.string()),
        challenge: fc.string(),
        team_id: fc.oneof(fc.constant("T1"), fc.string()),
        event_id: fc.oneof(fc.constant("Ev1"), fc.string()),
        event_time: fc.oneof(fc.nat(), fc.integer()),
        event,
      },
      { requiredKeys: ["type"] },
    );
    fc.assert(
      fc.property(envelope, (body) => {
        const result = classifyEvent(body, { botUserId: "U1" });
        assert.ok(["url_verification", "message", "uninstalled", "ignored", "invalid"].includes(result.kind));
      }),
      { numRuns: 2000 },
    );
  });
});
