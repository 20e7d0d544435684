import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MemoryBus, silentLogger } from "@jeeves/bus";
import { WeatherUnavailable } from "@jeeves/weather-client";
import { FakeWeather, fakeClock, weatherReport } from "../testing/index.ts";
import { environment, scheduler, settle, waitFor } from "./helper.ts";

const DAY = "2026-11-28"; // winter: Paris is UTC+1
const at = (time: string, date = DAY) => `${date}T${time}:00.000Z`;
const MINUTE = 60_000;

/** A fake weather that knows Paris and London. */
const weather = () =>
  new FakeWeather({
    Paris: weatherReport(),
    // The fake answers the same numbers in any units: these are what London gives in imperial.
    London: weatherReport({ place: "London", country: "GB", temperature: 45.3, feels_like: 40.1, description: "fog" }),
  });

describe("scheduler (real TokenDealer and dataservice, in-process bus, fake clock and weather)", () => {
  it("sends each user one alert at their own time: 08:00 in Europe/Paris, then 08:00 in UTC", async (t) => {
    const env = await environment(t);
    const paris = await env.subscriber({
      slack: { team: "T0DRONES1", user: "U0BERTIE1" },
      settings: { alerts: "08:00", timezone: "Europe/Paris" },
      place: "Paris",
    });
    const london = await env.subscriber({
      slack: { team: "T0DRONES1", user: "U0TUPPY01" },
      settings: { alerts: "08:00", units: "imperial" },
      place: "London",
    });
    const clock = fakeClock(at("06:59"));
    const reports = weather();
    const s = await scheduler(t, { dataservice: env, weather: reports, now: clock.now });
    await settle();
    assert.equal(s.replies.length, 0, "06:59 UTC is 07:59 in Paris: too early for both");

    clock.set(at("07:00"));
    assert.equal((await s.app.alertClock.tick()).sent, 1);
    await waitFor(() => s.replies.length === 1);
    assert.deepEqual(s.replies[0], {
      reply_to: `alert:${paris}:${DAY}`,
      destination: "slack",
      team: "T0DRONES1",
      channel: "U0BERTIE1",
      user: "U0BERTIE1",
      text: "Good morning! Paris, FR: 12°C, feels like 10°C, light rain.",
      time: at("07:00"),
    });

    for (const time of ["07:30", "07:59"]) {
      clock.set(at(time));
      await s.app.alertClock.tick();
    }
    clock.set(at("08:00"));
    await s.app.alertClock.tick();
    await waitFor(() => s.replies.length === 2);
    assert.equal(s.replies[1].reply_to, `alert:${london}:${DAY}`);
    assert.equal(s.replies[1].text, "Good morning! London, GB: 45°F, feels like 40°F, fog.");
    assert.deepEqual(reports.calls, [
      { place: "Paris", units: "metric" },
      { place: "London", units: "imperial" },
    ]);

    clock.set(at("08:30"));
    const later = await s.app.alertClock.tick();
    assert.deepEqual(
      [later.due, later.sent, later.alreadyClaimed],
      [1, 0, 1],
      "London due, claimed before; 09:30 in Paris",
    );
    await settle();
    assert.equal(s.replies.length, 2, "one alert per user, however many ticks");
  });

  it("two schedulers ticking at the same time send one alert per user per day", async (t) => {
    const env = await environment(t);
    const users: string[] = [];
    for (let i = 0; i < 6; i++) {
      users.push(
        await env.subscriber({
          slack: { team: "T0DRONES1", user: `U0MEMBER${i}` },
          settings: { alerts: "08:00", ...(i % 2 ? { timezone: "UTC" } : {}) },
          place: "Paris",
        }),
      );
    }
    const clock = fakeClock(at("07:00"));
    const bus = new MemoryBus({ logger: silentLogger });
    t.after(() => bus.close());
    const one = await scheduler(t, { bus, dataservice: env, weather: weather(), now: clock.now });
    const two = await scheduler(t, { bus, dataservice: env, weather: weather(), now: clock.now });

    for (const time of ["08:00", "08:00", "08:01", "08:30"]) {
      clock.set(at(time));
      const [a, b] = await Promise.all([one.app.alertClock.tick(), two.app.alertClock.tick()]);
      assert.equal(a.failed + b.failed, 0);
    }
    await waitFor(() => one.replies.length >= users.length && two.replies.length >= users.length);
    await settle();
    assert.deepEqual(one.replies.map((r) => r.reply_to).sort(), users.map((id) => `alert:${id}:${DAY}`).sort());
    assert.equal(two.replies.length, users.length, "the other copy sees the same six, no more");
  });

  it("skips users without a location, without Slack, or in the local chat; sends the others", async (t) => {
    const env = await environment(t);
    const settings = { alerts: "08:00" };
    await env.subscriber({ slack: { team: "T0DRONES1", user: "U0NOPLACE" }, settings });
    await env.subscriber({ settings, place: "Paris" });
    await env.subscriber({ slack: { team: "TLOCAL", user: "UL0123456789ABCDEF0123" }, settings, place: "Paris" });
    const located = await env.subscriber({ slack: { team: "T0DRONES1", user: "U0PLACED1" }, settings, place: "Paris" });
    const reports = weather();
    const s = await scheduler(t, { dataservice: env, weather: reports, now: fakeClock(at("08:00")).now });
    assert.deepEqual(s.app.alertClock.last?.summary, {
      subscriptions: 4,
      due: 4,
      sent: 1,
      alreadyClaimed: 0,
      skipped: 3,
      failed: 0,
    });
    await waitFor(() => s.replies.length === 1);
    assert.equal(s.replies[0].reply_to, `alert:${located}:${DAY}`);
    assert.equal(reports.calls.length, 1, "no weather asked for the skipped users");
  });

  it("sends a new alert the next day", async (t) => {
    const env = await environment(t);
    const user = await env.subscriber({
      slack: { team: "T0DRONES1", user: "U0BERTIE1" },
      settings: { alerts: "07:15", timezone: "Europe/Paris" },
      place: "Paris",
    });
    const clock = fakeClock(at("06:15"));
    const s = await scheduler(t, { dataservice: env, weather: weather(), now: clock.now });
    clock.advance(24 * 60 * MINUTE - MINUTE);
    await s.app.alertClock.tick();
    clock.advance(MINUTE);
    await s.app.alertClock.tick();
    await waitFor(() => s.replies.length === 2);
    assert.deepEqual(
      s.replies.map((r) => r.reply_to),
      [`alert:${user}:${DAY}`, `alert:${user}:2026-11-29`],
    );
  });

  it("sends an alert it missed while down when it starts within the hour (08:45), not after (09:10)", async (t) => {
    const env = await environment(t);
    const user = await env.subscriber({
      slack: { team: "T0DRONES1", user: "U0BERTIE1" },
      settings: { alerts: "08:00" },
      place: "Paris",
    });
    const late = await scheduler(t, { dataservice: env, weather: weather(), now: fakeClock(at("09:10")).now });
    await settle();
    assert.equal(late.replies.length, 0, "09:10 is more than an hour after 08:00");
    await late.close();

    const back = await scheduler(t, { dataservice: env, weather: weather(), now: fakeClock(at("08:45")).now });
    assert.equal(back.app.alertClock.last?.summary.sent, 1, "the start tick sent it");
    await waitFor(() => back.replies.length === 1);
    assert.equal(back.replies[0].reply_to, `alert:${user}:${DAY}`);
  });

  it("sends the apology, once, when the weather cannot be had", async (t) => {
    const env = await environment(t);
    await env.subscriber({
      slack: { team: "T0DRONES1", user: "U0BERTIE1" },
      settings: { alerts: "08:00" },
      place: "Paris",
    });
    const reports = weather();
    reports.failure = new WeatherUnavailable("weather getWeather: answered 503");
    const clock = fakeClock(at("08:00"));
    const s = await scheduler(t, { dataservice: env, weather: reports, now: clock.now });
    clock.set(at("08:10"));
    await s.app.alertClock.tick();
    await waitFor(() => s.replies.length > 0);
    await settle();
    assert.deepEqual(
      s.replies.map((r) => r.text),
      ["Your daily weather alert: I couldn't get the weather for Paris right now."],
    );
  });

  it("keeps ticking on its own every tickMs, and stops on close", async (t) => {
    const env = await environment(t);
    await env.subscriber({
      slack: { team: "T0DRONES1", user: "U0BERTIE1" },
      settings: { alerts: "08:00" },
      place: "Paris",
    });
    const clock = fakeClock(at("07:59"));
    const s = await scheduler(t, { dataservice: env, weather: weather(), now: clock.now, tickMs: 100 });
    assert.equal(s.app.alertClock.running, true);
    clock.set(at("08:00"));
    await waitFor(() => s.replies.length === 1);
    await s.app.close();
    assert.equal(s.app.alertClock.running, false);
    const last = s.app.alertClock.last?.at;
    clock.set(at("08:01"));
    await new Promise((resolve) => setTimeout(resolve, 250));
    assert.equal(s.app.alertClock.last?.at, last, "no tick after close");
  });

  it("/health answers, /ready is 200 while the clock runs and 503 once it stopped", async (t) => {
    const env = await environment(t);
    const s = await scheduler(t, { dataservice: env, now: fakeClock(at("08:00")).now });
    assert.deepEqual((await s.app.inject("/health")).json(), { status: "ok", service: "scheduler", checks: [] });
    const ready = await s.app.inject("/ready");
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), { status: "ok", service: "scheduler", checks: [{ name: "clock", status: "ok" }] });
    await s.app.alertClock.stop();
    const stopped = await s.app.inject("/ready");
    assert.equal(stopped.statusCode, 503);
    assert.equal(stopped.headers["content-type"], "application/problem+json");
    assert.equal(stopped.json().code, "SCHEDULER_ERR_NOT_RUNNING");
  });
});
