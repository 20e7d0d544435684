import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  type Units,
  UnknownPlace,
  WeatherRejected,
  type WeatherRejection,
  type WeatherReport,
  type WeatherReports,
  WeatherUnavailable,
} from "@jeeves/weather-client";
import { ACCOUNT_GONE_REPLY } from "../../src/domain/chat-user.ts";
import { helpText } from "../../src/domain/help-text.ts";
import { parseCommand } from "../../src/domain/parse-command.ts";
import { rememberChatUsers } from "../../src/domain/remembered-chat-users.ts";
import {
  runCommand,
  TOO_LONG_REPLY,
  UNKNOWN_REPLY,
  WEATHER_NOT_AVAILABLE_REPLY,
  WEATHER_REJECTED_REPLIES,
  WHERE_REPLY,
} from "../../src/domain/run-command.ts";
import { type ChatIdentity, RecordsRejected, RecordsUnavailable } from "../../src/domain/user-records.ts";
import { MemoryRecords } from "../../testing/index.ts";

/** A weather service that knows Paris and Innsbruck, and records what it was asked. */
class FakeWeather implements WeatherReports {
  readonly asked: [string, Units][] = [];
  down = false;
  async current(place: string, units: Units): Promise<WeatherReport> {
    this.asked.push([place, units]);
    if (this.down) throw new WeatherUnavailable("weather answered 503");
    const metric = units === "metric";
    if (place === "Paris") {
      return {
        place: "Paris",
        country: "FR",
        temperature: metric ? 12.4 : 54.3,
        feels_like: metric ? 9.6 : 49.3,
        description: "light rain",
      };
    }
    if (place === "Innsbruck" || place === "Salzburg") {
      return {
        place: "Innsbruck",
        country: "AT",
        temperature: -0.4,
        feels_like: -3.5,
        description: "snow",
        demo: true,
      };
    }
    throw new UnknownPlace(place);
  }
}

/** The answer to `config get colour` and `config set colour …`. */
const UNKNOWN_COLOUR =
  "Sorry, `colour` is not a setting I know. The settings are `units` (`metric` or `imperial`), `timezone` (a name like `Europe/Paris`) and `alerts` (a time, set with `alerts on [HH:MM]`). Your place is kept with `location set <place>`.";

const BERTIE: ChatIdentity = { source: "slack", team: "T0DRONES1", user: "U0BERTIE1" };
const GUSSIE: ChatIdentity = { source: "slack", team: "T0DRONES1", user: "U0GUSSIE1" };

/** A conversation of one person with a fresh set of records: what they write, what Jeeves answers. */
const conversations: { name: string; steps: [write: string, reply: string][] }[] = [
  {
    name: "config set, get, show and unset",
    steps: [
      [
        "config show",
        "You have no settings and no saved location yet. Try `config set units metric` or `location set Innsbruck`.",
      ],
      ["config get units", "units is not set. Try `config set units imperial`."],
      ["config set units metric", "units is now metric."],
      ["config set units metric", "units is now metric."],
      ["config get UNITS", "units is metric."],
      ["config set timezone Europe/London", "timezone is now Europe/London."],
      ["config show", "Your settings:\n• timezone: Europe/London\n• units: metric"],
      ["config unset units", "units is no longer set."],
      ["config unset units", "units was not set."],
      ["config show", "Your settings:\n• timezone: Europe/London"],
    ],
  },
  {
    name: "config show includes the saved location",
    steps: [
      ["location set Innsbruck", "Your location is now Innsbruck."],
      ["config show", "You have no settings yet. Try `config set units metric`.\nYour location is Innsbruck."],
      ["config set units imperial", "units is now imperial."],
      ["config show", "Your settings:\n• units: imperial\nYour location is Innsbruck."],
    ],
  },
  {
    name: "an unknown key is answered with the keys there are, never with how to set it",
    steps: [
      ["config get colour", UNKNOWN_COLOUR],
      ["config set colour blue", UNKNOWN_COLOUR],
      ["config get colour", UNKNOWN_COLOUR],
      ["config unset colour", UNKNOWN_COLOUR],
      [
        "config set location Paris",
        "Sorry, `location` is not a setting I know. The settings are `units` (`metric` or `imperial`), `timezone` (a name like `Europe/Paris`) and `alerts` (a time, set with `alerts on [HH:MM]`). Your place is not a setting: `location` shows it, `location set <place>` changes it.",
      ],
      [
        "config show",
        "You have no settings and no saved location yet. Try `config set units metric` or `location set Innsbruck`.",
      ],
    ],
  },
  {
    name: "location set and get, in either word order",
    steps: [
      ["location", "You have no saved location yet. Try `location set Innsbruck`."],
      ["get location", "You have no saved location yet. Try `location set Innsbruck`."],
      ["location set Saint-Denis, FR", "Your location is now Saint-Denis, FR."],
      ["get location", "Your location is Saint-Denis, FR."],
      ["set location Berlin?", "Your location is now Berlin."],
      ["location show", "Your location is Berlin."],
    ],
  },
  {
    name: "commands that need no records",
    steps: [
      ["help", helpText()],
      ["?", helpText()],
      ["what ho, Jeeves", UNKNOWN_REPLY],
      ["", UNKNOWN_REPLY],
    ],
  },
  {
    name: "weather for a place, for the saved place, and without one",
    steps: [
      ["weather", WHERE_REPLY],
      ["weather in Paris", "Paris, FR: 12°C, feels like 10°C, light rain"],
      ["weather Paris in imperial", "Paris, FR: 54°F, feels like 49°F, light rain"],
      ["config set units imperial", "units is now imperial."],
      ["weather in Paris", "Paris, FR: 54°F, feels like 49°F, light rain"],
      ["config set units kelvin", "Sorry, units can be `metric` or `imperial`."],
      ["location set Innsbruck", "Your location is now Innsbruck."],
      ["weather in metric", "Innsbruck, AT: 0°C, feels like -4°C, snow (demo data: no OpenWeatherMap key is set)"],
      [
        "weather in Salzburg in metric",
        "Innsbruck, AT: 0°C, feels like -4°C, snow (demo data: no OpenWeatherMap key is set, so the mock answers with Innsbruck, AT for every place)",
      ],
      [
        "weather in Atlantis",
        "Sorry, I couldn't find Atlantis. Try a city, e.g. `weather in Paris` or `weather in Paris, FR`.",
      ],
    ],
  },
  {
    name: "alerts on and off, with the time zone",
    steps: [
      [
        "alerts on",
        "Alerts on: every day at 08:00 (UTC), once you tell me where with `location set <place>`. Not on UTC? Set your time zone, e.g. `config set timezone Europe/Paris`.",
      ],
      [
        "config set timezone Mars/Olympus",
        "Sorry, Mars/Olympus is not a time zone I know. Use a name like `Europe/Paris` or `America/New_York`.",
      ],
      ["config set timezone Europe/Paris", "timezone is now Europe/Paris."],
      ["location set Paris", "Your location is now Paris."],
      ["alerts on 07:30", "Alerts on: the weather for Paris every day at 07:30 (Europe/Paris)."],
      ["config get alerts", "alerts is 07:30."],
      ["alerts on", "Alerts on: the weather for Paris every day at 07:30 (Europe/Paris)."],
      ["config set alerts 09:00", "Use `alerts on [HH:MM]` or `alerts off` for alerts."],
      ["alerts off", "Alerts off: no more daily weather messages."],
      ["alerts off", "Alerts were not on."],
      ["config get alerts", "alerts is not set. Try `alerts on 07:30`."],
    ],
  },
  {
    name: "invalid commands answer the parser's reason",
    steps: [
      ["config set", "Say which key and value: `config set <key> <value>`, e.g. `config set units metric`."],
      [
        "config set units",
        "`config set units` needs a value: `config set units <value>` (to remove the key, `config unset units`).",
      ],
      ["config set token=abc", "Put a space between the key and the value, not `=`: `config set <key> <value>`."],
      ["location set", "Say which place: `location set <place>`, e.g. `location set Innsbruck`."],
      ["alerts on 7:30pm", "`7:30pm` is not a time of day: write it as 24-hour HH:MM, e.g. `alerts on 07:30`."],
    ],
  },
  {
    name: "refusals of the records become a polite reply with their reason",
    steps: [
      [
        `location set ${"Llanfair".repeat(26)}`,
        "Sorry, I couldn't do that: place must NOT have more than 200 characters.",
      ],
      [
        "config show",
        "You have no settings and no saved location yet. Try `config set units metric` or `location set Innsbruck`.",
      ],
      ["location", "You have no saved location yet. Try `location set Innsbruck`."],
    ],
  },
];

describe("runCommand", () => {
  for (const conversation of conversations) {
    it(conversation.name, async () => {
      const records = new MemoryRecords();
      const weather = new FakeWeather();
      for (const [write, reply] of conversation.steps) {
        assert.equal(await runCommand(parseCommand(write), { identity: BERTIE, records, weather }), reply, write);
      }
    });
  }

  it("shows and removes a setting of a key no longer known (kept before only known keys could be set)", async () => {
    const records = new MemoryRecords();
    const userId = await records.findOrCreate(BERTIE);
    await records.setSetting(userId, "lang", "en GB");
    const run = (write: string) => runCommand(parseCommand(write), { identity: BERTIE, records });
    assert.equal(await run("config show"), "Your settings:\n• lang: en GB");
    assert.equal(await run("config get lang"), UNKNOWN_COLOUR.replace("`colour`", "`lang`"));
    assert.equal(await run("config unset lang"), "lang is no longer set.");
    assert.equal(await run("config unset lang"), UNKNOWN_COLOUR.replace("`colour`", "`lang`"));
  });

  it("shows demo data in imperial with the °F numbers the weather service answers in imperial", async () => {
    // What the weather service answers for the mock's Berlin (12.4 °C, feels like 11.71 °C) asked in imperial.
    const asked: Units[] = [];
    const weather: WeatherReports = {
      current: async (_place, units) => {
        asked.push(units);
        const imperial = units === "imperial";
        return {
          place: "Berlin",
          country: "DE",
          temperature: imperial ? 54.32 : 12.4,
          feels_like: imperial ? 53.08 : 11.71,
          description: "light rain",
          demo: true,
        };
      },
    };
    const records = new MemoryRecords();
    const run = (write: string) => runCommand(parseCommand(write), { identity: BERTIE, records, weather });
    await run("config set units imperial");
    await run("location set Berlin");
    assert.equal(
      await run("weather"),
      "Berlin, DE: 54°F, feels like 53°F, light rain (demo data: no OpenWeatherMap key is set)",
    );
    assert.deepEqual(asked, ["imperial"]);
  });

  it("keeps each person's settings apart", async () => {
    const records = new MemoryRecords();
    await runCommand(parseCommand("config set units metric"), { identity: BERTIE, records });
    assert.equal(
      await runCommand(parseCommand("config get units"), { identity: GUSSIE, records }),
      "units is not set. Try `config set units imperial`.",
    );
    assert.deepEqual(records.settingsOf(BERTIE), { units: "metric" });
    assert.equal(records.userCount, 2);
  });

  it("does not touch the records for help, unknown and invalid commands, or weather with place and units", async () => {
    const records = new MemoryRecords();
    records.unavailable = true;
    const weather = new FakeWeather();
    const writes = ["help", "hello", "config set", "alerts on 25:00", "weather in Paris in metric"];
    for (const write of [...writes, "config get colour", "config set colour blue"]) {
      await runCommand(parseCommand(write), { identity: BERTIE, records, weather });
    }
    assert.equal(records.calls, 0);
    assert.deepEqual(weather.asked, [["Paris", "metric"]]);
  });

  it("answers a message over the cap at once, without the records or the weather", async () => {
    const records = new MemoryRecords();
    records.unavailable = true;
    const weather = new FakeWeather();
    const reply = await runCommand(parseCommand(`weather in ${"Paris ".repeat(7000)}`), {
      identity: BERTIE,
      records,
      weather,
    });
    assert.equal(reply, TOO_LONG_REPLY);
    assert.equal(
      reply,
      "Sorry, that message is too long for me: I read commands of up to 4,000 characters. Write `help` to see what I can do.",
    );
    assert.equal(records.calls, 0);
    assert.deepEqual(weather.asked, []);
  });

  it("answers a refusal of the weather service (a 4xx) at once, in words that fit it", async () => {
    const table: [WeatherRejection, RegExp][] = [
      ["place-too-long", /^Sorry, that place name is too long: I can look up names of up to 200 characters\./],
      ["bad-place", /^Sorry, I couldn't find that place\./],
      ["not-allowed", /^Sorry, I'm not allowed to get the weather/],
      ["refused", /^Sorry, the weather service refused that request\./],
    ];
    for (const [reason, expected] of table) {
      const weather: WeatherReports = {
        current: async () => {
          throw new WeatherRejected(reason, 400);
        },
      };
      const reply = await runCommand(parseCommand("weather in Paris --metric"), {
        identity: BERTIE,
        records: new MemoryRecords(),
        weather,
      });
      assert.match(reply, expected, reason);
      assert.equal(reply, WEATHER_REJECTED_REPLIES[reason]);
    }
  });

  it("says weather is not available when there is no weather service", async () => {
    const records = new MemoryRecords();
    assert.equal(
      await runCommand(parseCommand("weather in Paris"), { identity: BERTIE, records }),
      WEATHER_NOT_AVAILABLE_REPLY,
    );
  });

  it("throws WeatherUnavailable (for the bus to retry) when the weather cannot be had", async () => {
    const weather = new FakeWeather();
    weather.down = true;
    await assert.rejects(
      runCommand(parseCommand("weather in Paris"), { identity: BERTIE, records: new MemoryRecords(), weather }),
      WeatherUnavailable,
    );
  });

  it("tells a local chat user that alerts come to Slack", async () => {
    const reply = await runCommand(parseCommand("alerts on 08:00"), {
      identity: { source: "local", team: "local", user: "bertie" },
      records: new MemoryRecords(),
    });
    assert.match(reply, /^Alerts on: every day at 08:00 \(UTC\)/);
    assert.match(reply, /Slack direct messages, so this chat will not show them/);
  });

  it("throws RecordsUnavailable (for the bus to retry) when the records cannot be reached", async () => {
    const records = new MemoryRecords();
    records.unavailable = true;
    for (const write of ["config set units metric", "config show", "location", "location set Paris", "alerts off"]) {
      await assert.rejects(runCommand(parseCommand(write), { identity: BERTIE, records }), RecordsUnavailable, write);
    }
  });

  it("answers the reason of a refusal of findOrCreate (an identity the records do not keep)", async () => {
    const refusing = new MemoryRecords();
    refusing.findOrCreate = async () => {
      throw new RecordsRejected("I can keep settings only for Slack users and the local chat");
    };
    assert.equal(
      await runCommand(parseCommand("config show"), {
        identity: { ...BERTIE, source: "local", team: "local" },
        records: refusing,
      }),
      "Sorry, I couldn't do that: I can keep settings only for Slack users and the local chat.",
    );
  });

  it("works on a person's own user (the local chat with their token), never one found or created", async () => {
    const records = new MemoryRecords();
    const weather = new FakeWeather();
    const person = records.addUser();
    await records.setLocation(person, "Paris");
    const identity: ChatIdentity = { source: "local", team: "local", user: person, person };
    const run = (write: string) => runCommand(parseCommand(write), { identity, records, weather });
    assert.equal(await run("get location"), "Your location is Paris.", "the place they saved elsewhere");
    assert.equal(await run("config set units imperial"), "units is now imperial.");
    assert.equal(await run("weather"), "Paris, FR: 54°F, feels like 49°F, light rain");
    assert.deepEqual(weather.asked, [["Paris", "imperial"]]);
    assert.match(await run("alerts on 07:30"), /^Alerts on: the weather for Paris every day at 07:30 \(UTC\)\./);
    assert.deepEqual(records.settingsById(person), { units: "imperial", alerts: "07:30" });
    assert.equal(records.userCount, 0, "no user by chat identity");
  });

  it("tells a person whose user is gone so, at once, without creating one; what needs no records still works", async () => {
    const records = new MemoryRecords();
    const person = records.addUser();
    records.deleteUser(person);
    const identity: ChatIdentity = { source: "local", team: "local", user: person, person };
    for (const write of ["config show", "config set units metric", "location set Paris", "weather", "alerts off"]) {
      assert.equal(
        await runCommand(parseCommand(write), { identity, records, weather: new FakeWeather() }),
        ACCOUNT_GONE_REPLY,
        write,
      );
    }
    assert.equal(records.userCount, 0);
    assert.equal(await runCommand(parseCommand("help"), { identity, records }), helpText());
    assert.equal(
      await runCommand(parseCommand("weather in Paris in metric"), { identity, records, weather: new FakeWeather() }),
      "Paris, FR: 12°C, feels like 10°C, light rain",
    );
  });

  it("finds or creates the writer's user again when theirs was deleted after it was found (or remembered)", async () => {
    const memory = new MemoryRecords();
    const records = rememberChatUsers(memory);
    const run = (write: string) => runCommand(parseCommand(write), { identity: BERTIE, records });
    assert.equal(await run("config set units metric"), "units is now metric.");
    memory.deleteUser(await records.findOrCreate(BERTIE));
    assert.equal(await run("config set units imperial"), "units is now imperial.", "on a new user, not a refusal");
    assert.deepEqual(memory.settingsOf(BERTIE), { units: "imperial" });
    memory.deleteUser(await records.findOrCreate(BERTIE));
    assert.match(await run("config show"), /^You have no settings/);
    assert.equal(memory.userCount, 1, "one user for the writer");
  });

  it("tells a person whose own user is deleted in the middle of a command that it is gone", async () => {
    const records = new MemoryRecords();
    const person = records.addUser();
    const identity: ChatIdentity = { source: "local", team: "local", user: person, person };
    // Gone between the check that it exists and the call on it.
    records.hasUser = async () => true;
    records.deleteUser(person);
    assert.equal(await runCommand(parseCommand("config show"), { identity, records }), ACCOUNT_GONE_REPLY);
    assert.equal(records.userCount, 0, "none created");
  });

  it("lets unexpected errors through", async () => {
    const records = new MemoryRecords();
    records.listSettings = async () => {
      throw new TypeError("boom");
    };
    await assert.rejects(runCommand(parseCommand("config show"), { identity: BERTIE, records }), TypeError);
  });
});
