import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MemoryBus, type Reply, silentLogger, subscribeReplies } from "@jeeves/bus";
import { ConfigError } from "@jeeves/service-kit";
import { buildTestWeather } from "@jeeves/weather/testing";
import { loadConfig } from "../src/config.ts";
import { DATASERVICE_SCOPES, prepareScheduler, WEATHER_SCOPES } from "../src/service.ts";
import { fakeClock } from "../testing/index.ts";
import { environment, waitFor } from "./helper.ts";

describe("prepareScheduler", () => {
  it("builds the service from its configuration: its client's tokens reach the dataservice and the weather", async (t) => {
    const env = await environment(t);
    const user = await env.subscriber({
      slack: { team: "T0DRONES1", user: "U0BERTIE1" },
      settings: { alerts: "08:00", timezone: "Europe/Paris" },
      place: "Paris",
    });
    const weather = await buildTestWeather({ dealer: env.dealer });
    t.after(() => weather.close());
    const client = await env.dealer.addClient(
      "scheduler-service-test",
      [...DATASERVICE_SCOPES, ...WEATHER_SCOPES],
      ["dataservice", "weather"],
    );
    const config = loadConfig({
      TOKENDEALER_URL: env.dealer.url,
      DATASERVICE_URL: env.url,
      WEATHER_URL: await weather.app.listen({ port: 0, host: "127.0.0.1" }),
      SCHEDULER_CLIENT_ID: client.id,
      SCHEDULER_CLIENT_SECRET: client.secret,
    });
    const bus = new MemoryBus({ logger: silentLogger });
    t.after(() => bus.close());
    const replies: Reply[] = [];
    await subscribeReplies(bus, "test", async (reply) => {
      replies.push(reply);
    });
    const app = await prepareScheduler(config, { bus, logger: false, now: fakeClock("2026-11-28T07:10:00Z").now });
    t.after(() => app.close());
    await app.ready();
    await waitFor(() => replies.length === 1);
    assert.equal(replies[0].reply_to, `alert:${user}:2026-11-28`);
    assert.equal(
      replies[0].text,
      "Good morning! Paris, DE: 12°C, feels like 12°C, light rain. (Demo data: no OpenWeatherMap key is set.)",
    );
  });

  it("refuses to build without a client secret", async () => {
    const bus = new MemoryBus({ logger: silentLogger });
    const config = loadConfig({ SCHEDULER_CLIENT_SECRET_FILE: "/nonexistent/scheduler.secret" });
    await assert.rejects(prepareScheduler(config, { bus, logger: false }), ConfigError);
    await bus.close();
  });
});
