import assert from "node:assert/strict";
import { describe, it, type TestContext } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { MemoryBus, publishChatMessage, type Reply, silentLogger, subscribeReplies } from "@jeeves/bus";
import type { TokenProvider } from "@jeeves/client-kit";
import { createWeatherServiceReports } from "@jeeves/weather-client";
import { startChatConsumer } from "../../src/adapters/chat-consumer.ts";
import { WEATHER_REJECTED_REPLIES, WEATHER_UNAVAILABLE_REPLY } from "../../src/domain/run-command.ts";
import { chatMessage, MemoryRecords } from "../../testing/index.ts";
import { recordingLogger, waitFor } from "../helper.ts";

const MAX_ATTEMPTS = 3;
const fakeAuth: TokenProvider = { token: async () => "not-a-real-token", invalidate() {} };
const LONG_PLACE = "Llanfair".repeat(38); // 304 characters: over the weather spec's 200

/** The whole actions path (consumer, runCommand, the real weather client) on a weather service answering `status`. */
async function askWeather(t: TestContext, status: number, place: string) {
  const bus = new MemoryBus({ logger: silentLogger });
  t.after(() => bus.close());
  const requests: Request[] = [];
  const weather = createWeatherServiceReports({
    baseUrl: "http://weather.test",
    auth: fakeAuth,
    fetch: async (request) => {
      requests.push(request);
      return new Response(JSON.stringify({ type: "urn:jeeves:problem:x", title: "X", status }), {
        status,
        headers: { "content-type": "application/problem+json" },
      });
    },
  });
  const logger = recordingLogger();
  const replies: Reply[] = [];
  await subscribeReplies(bus, "test", async (reply) => {
    replies.push(reply);
  });
  await startChatConsumer({
    bus,
    records: new MemoryRecords(),
    weather,
    logger,
    maxAttempts: MAX_ATTEMPTS,
    retryDelayMs: 1,
  });
  // Place and units given: no records are read, only the weather service is asked.
  await publishChatMessage(bus, chatMessage(`weather in ${place} --metric`, { source: "local", team: "local" }));
  await waitFor(() => replies.length === 1);
  await sleep(20); // a second reply (there must be none) would come from a retry 1 ms later
  const attempts = logger.lines
    .filter((l) => l.message === "replied")
    .map((l) => (l.fields as { attempt: number }).attempt);
  return { replies, requests, attempts, deadLetters: bus.deadLetters.length };
}

// A 4xx from the weather service is permanent: the person is answered on the first attempt, with words
// that fit the refusal. Only 5xx, 408 and 429 (and no answer) are retried, then answered with an apology.
const TABLE: { status: number; place: string; retried: boolean; reply: string }[] = [
  { status: 400, place: LONG_PLACE, retried: false, reply: WEATHER_REJECTED_REPLIES["place-too-long"] },
  { status: 400, place: "Atlantis", retried: false, reply: WEATHER_REJECTED_REPLIES["bad-place"] },
  {
    status: 404,
    place: "Atlantis",
    retried: false,
    reply: "Sorry, I couldn't find Atlantis. Try a city, e.g. `weather in Paris` or `weather in Paris, FR`.",
  },
  { status: 431, place: LONG_PLACE, retried: false, reply: WEATHER_REJECTED_REPLIES["place-too-long"] },
  { status: 403, place: "Atlantis", retried: false, reply: WEATHER_REJECTED_REPLIES["not-allowed"] },
  { status: 429, place: "Atlantis", retried: true, reply: WEATHER_UNAVAILABLE_REPLY },
  { status: 503, place: "Atlantis", retried: true, reply: WEATHER_UNAVAILABLE_REPLY },
];

describe("weather failures through the chat consumer", () => {
  for (const { status, place, retried, reply } of TABLE) {
    const what = retried ? `retried ${MAX_ATTEMPTS} times, then apologised for` : "answered at once";
    it(`a ${status} for a ${place.length}-character place is ${what}`, async (t) => {
      const seen = await askWeather(t, status, place);
      assert.deepEqual(
        seen.replies.map((r) => r.text),
        [reply],
        "exactly one reply",
      );
      assert.equal(seen.requests.length, retried ? MAX_ATTEMPTS : 1, "requests to the weather service");
      assert.deepEqual(seen.attempts, [retried ? MAX_ATTEMPTS : 1], "the attempt that replied");
      assert.equal(seen.deadLetters, 0);
    });
  }

  it("does not echo a place that is too long", async (t) => {
    const seen = await askWeather(t, 400, LONG_PLACE);
    assert.ok(!seen.replies[0].text.includes(LONG_PLACE));
    assert.equal(
      new URL(seen.requests[0].url).searchParams.get("location"),
      LONG_PLACE,
      "the place was asked as written",
    );
  });
});
