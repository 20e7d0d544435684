import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Reply } from "@jeeves/bus";
import { UnknownPlace, WeatherUnavailable } from "@jeeves/weather-client";
import type { AlertSubscription } from "../../src/domain/alert-records.ts";
import { Notes } from "../../src/domain/notes.ts";
import { runTick } from "../../src/domain/run-tick.ts";
import { FakeWeather, MemoryAlerts, weatherReport } from "../../testing/index.ts";
import { recordingLogger } from "../helper.ts";

const subscriber = (n: number, overrides: Partial<AlertSubscription> = {}): AlertSubscription => ({
  user_id: `0190b8a2-7c1e-7d4a-9f3e-5b2a1c0d9e8${n}`,
  slack_team_id: "T0DRONES1",
  slack_user_id: `U0MEMBER${n}`,
  alert_time: "08:00",
  timezone: "UTC",
  location: "Paris",
  ...overrides,
});

/** A tick's dependencies on memory: the published replies and the log lines are kept. */
function setup(subscriptions: AlertSubscription[]) {
  const records = new MemoryAlerts(subscriptions);
  const weather = new FakeWeather({ Paris: weatherReport() });
  const logger = recordingLogger();
  const published: Reply[] = [];
  const deps = {
    records,
    weather,
    logger,
    notes: new Notes(),
    publish: async (reply: Reply) => {
      published.push(reply);
    },
  };
  return { records, weather, logger, published, deps };
}
const at = (time: string) => new Date(`2026-11-28T${time}:00.000Z`);

describe("runTick", () => {
  it("publishes one direct message per due user and day, however often it ticks", async () => {
    const { deps, published } = setup([subscriber(1), subscriber(2, { alert_time: "09:00" })]);
    assert.deepEqual(await runTick(at("07:59"), deps), {
      subscriptions: 2,
      due: 0,
      sent: 0,
      alreadyClaimed: 0,
      skipped: 0,
      failed: 0,
    });
    const first = await runTick(at("08:00"), deps);
    assert.deepEqual([first.due, first.sent], [1, 1]);
    const again = await runTick(at("08:30"), deps);
    assert.deepEqual([again.due, again.sent, again.alreadyClaimed], [1, 0, 1]);
    await runTick(at("09:00"), deps);
    assert.deepEqual(
      published.map((r) => [r.reply_to, r.channel, r.user, r.time]),
      [
        [`alert:${subscriber(1).user_id}:2026-11-28`, "U0MEMBER1", "U0MEMBER1", at("08:00").toISOString()],
        [`alert:${subscriber(2).user_id}:2026-11-28`, "U0MEMBER2", "U0MEMBER2", at("09:00").toISOString()],
      ],
    );
  });

  it("publishes plain text: the slackbot escapes it for Slack", async () => {
    const { deps, published, weather } = setup([subscriber(1, { location: "Fish & Chips <Bay>" })]);
    weather.reports["Fish & Chips <Bay>"] = weatherReport({ place: "Fish & Chips <Bay>", country: undefined });
    await runTick(at("08:00"), deps);
    assert.equal(published[0].text, "Good morning! Fish & Chips <Bay>: 12°C, feels like 10°C, light rain.");
  });

  it("sends the apology once when the weather fails, and the unknown-place note for an unknown place", async () => {
    const { deps, published, weather } = setup([subscriber(1), subscriber(2, { location: "Atlantis" })]);
    weather.reports.Atlantis = weatherReport();
    let calls = 0;
    weather.current = async (place) => {
      calls += 1;
      if (place === "Atlantis") throw new UnknownPlace(place);
      throw new WeatherUnavailable("weather getWeather: answered 503");
    };
    await runTick(at("08:00"), deps);
    await runTick(at("08:01"), deps);
    assert.equal(calls, 2, "the weather is asked once per claimed alert");
    assert.deepEqual(
      published.map((r) => r.text),
      [
        "Your daily weather alert: I couldn't get the weather for Paris right now.",
        "Your daily weather alert: I couldn't find a place called Atlantis. Set another with `location set <place>`.",
      ],
    );
  });

  it("tries a claim that failed again at the next tick, while the alert is due", async () => {
    const { deps, published, records } = setup([subscriber(1)]);
    const claim = records.claim.bind(records);
    let failures = 1;
    records.claim = async (userId, localDate) => {
      if (failures-- > 0) throw new Error("dataservice claimAlertSend: answered 503");
      return claim(userId, localDate);
    };
    const failed = await runTick(at("08:00"), deps);
    assert.deepEqual([failed.due, failed.sent, failed.failed], [1, 0, 1]);
    const retried = await runTick(at("08:00"), deps);
    assert.deepEqual([retried.sent, retried.failed], [1, 0]);
    assert.equal(published.length, 1);
  });

  it("logs a failed listing and sends nothing", async () => {
    const { deps, published, records, logger } = setup([subscriber(1)]);
    records.unavailable = true;
    const summary = await runTick(at("08:00"), deps);
    assert.deepEqual([summary.subscriptions, summary.failed], [0, 1]);
    assert.equal(published.length, 0);
    assert.deepEqual(
      logger.lines.map((l) => [l.level, l.message]),
      [["error", "could not list the alert subscriptions: trying at the next tick"]],
    );
  });

  it("keeps the claim when the publish fails: the alert is lost for the day, never sent twice", async () => {
    const { deps, logger } = setup([subscriber(1)]);
    let attempts = 0;
    deps.publish = async () => {
      attempts += 1;
      throw new Error("bus closed");
    };
    assert.equal((await runTick(at("08:00"), deps)).failed, 1);
    assert.equal((await runTick(at("08:01"), deps)).alreadyClaimed, 1);
    assert.equal(attempts, 1);
    assert.ok(logger.lines.some((l) => l.level === "error" && /lost for today/.test(l.message)));
  });

  it("logs a skipped alert, an unknown zone and a bad alert time once, and never a place or a text", async () => {
    const { deps, logger, published } = setup([
      subscriber(1, { location: undefined }),
      subscriber(2, { timezone: "Europe/Atlantis" }),
      subscriber(3, { alert_time: "breakfast" }),
    ]);
    for (const time of ["08:00", "08:01", "08:02"]) await runTick(at(time), deps);
    assert.deepEqual(
      logger.lines.map((l) => [l.level, l.message, (l.fields as { user_id?: string }).user_id]),
      [
        ["info", "due alert skipped", subscriber(1).user_id],
        ["warn", "unknown time zone in the timezone setting: using UTC", subscriber(2).user_id],
        ["info", "alert sent", subscriber(2).user_id],
        ["warn", "the alerts setting is not a time of day (HH:MM): no alert", subscriber(3).user_id],
      ],
    );
    const logged = JSON.stringify(logger.lines);
    assert.doesNotMatch(logged, /Paris|light rain|breakfast|Atlantis/);
    assert.equal(published.length, 1);
  });
});
