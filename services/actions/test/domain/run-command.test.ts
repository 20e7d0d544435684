import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MemoryRecords } from "../../src/adapters/memory-records.ts";
import { helpText } from "../../src/domain/help-text.ts";
import { parseCommand } from "../../src/domain/parse-command.ts";
import {
  ALERTS_NOT_AVAILABLE_REPLY,
  runCommand,
  UNKNOWN_REPLY,
  WEATHER_NOT_AVAILABLE_REPLY,
} from "../../src/domain/run-command.ts";
import { type ChatIdentity, RecordsRejected, RecordsUnavailable } from "../../src/domain/user-records.ts";

const BERTIE: ChatIdentity = { source: "slack", team: "T0DRONES1", user: "U0BERTIE1" };
const GUSSIE: ChatIdentity = { source: "slack", team: "T0DRONES1", user: "U0GUSSIE1" };

/** A conversation of one person with a fresh set of records: what they write, what Jeeves answers. */
const conversations: { name: string; steps: [write: string, reply: string][] }[] = [
  {
    name: "config set, get, show and unset",
    steps: [
      ["config show", "You have no settings yet. Try `config set units metric`."],
      ["config get units", "units is not set. Try `config set units <value>`."],
      ["config set units metric", "units is now metric."],
      ["config set units metric", "units is now metric."],
      ["config get UNITS", "units is metric."],
      ["config set lang en GB", "lang is now en GB."],
      ["config show", "Your settings:\n• lang: en GB\n• units: metric"],
      ["config unset units", "units is no longer set."],
      ["config unset units", "units was not set."],
      ["config show", "Your settings:\n• lang: en GB"],
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
      ["weather", WEATHER_NOT_AVAILABLE_REPLY],
      ["weather in Paris --metric", WEATHER_NOT_AVAILABLE_REPLY],
      ["alerts on 07:30", ALERTS_NOT_AVAILABLE_REPLY],
      ["alerts off", ALERTS_NOT_AVAILABLE_REPLY],
      ["what ho, Jeeves", UNKNOWN_REPLY],
      ["", UNKNOWN_REPLY],
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
        `config set motto ${"x".repeat(1001)}`,
        "Sorry, I couldn't do that: value must NOT have more than 1000 characters.",
      ],
      [
        `location set ${"Llanfair".repeat(26)}`,
        "Sorry, I couldn't do that: place must NOT have more than 200 characters.",
      ],
      ["config show", "You have no settings yet. Try `config set units metric`."],
      ["location", "You have no saved location yet. Try `location set Innsbruck`."],
    ],
  },
];

describe("runCommand", () => {
  for (const conversation of conversations) {
    it(conversation.name, async () => {
      const records = new MemoryRecords();
      for (const [write, reply] of conversation.steps) {
        assert.equal(await runCommand(parseCommand(write), { identity: BERTIE, records }), reply, write);
      }
    });
  }

  it("keeps each person's settings apart", async () => {
    const records = new MemoryRecords();
    await runCommand(parseCommand("config set units metric"), { identity: BERTIE, records });
    assert.equal(
      await runCommand(parseCommand("config get units"), { identity: GUSSIE, records }),
      "units is not set. Try `config set units <value>`.",
    );
    assert.deepEqual(records.settingsOf(BERTIE), { units: "metric" });
    assert.equal(records.userCount, 2);
  });

  it("does not touch the records for help, weather, alerts, unknown and invalid commands", async () => {
    const records = new MemoryRecords();
    records.unavailable = true;
    for (const write of ["help", "weather", "alerts off", "hello", "config set"]) {
      await runCommand(parseCommand(write), { identity: BERTIE, records });
    }
    assert.equal(records.calls, 0);
  });

  it("throws RecordsUnavailable (for the bus to retry) when the records cannot be reached", async () => {
    const records = new MemoryRecords();
    records.unavailable = true;
    for (const write of ["config set units metric", "config show", "location", "location set Paris"]) {
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

  it("lets unexpected errors through", async () => {
    const records = new MemoryRecords();
    records.listSettings = async () => {
      throw new TypeError("boom");
    };
    await assert.rejects(runCommand(parseCommand("config show"), { identity: BERTIE, records }), TypeError);
  });
});
