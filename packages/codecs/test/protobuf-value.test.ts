import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertFitsMessage, encodeProtobuf, messageClass, ProtobufEncodeError } from "../src/index.ts";
import { kindsFixture } from "./kinds-fixture.ts";

/** Asserts that encoding `value` as `name` is refused with exactly `message`. */
function refused(name: string, value: unknown, message: string): void {
  assert.throws(
    () => encodeProtobuf(name, value),
    (error: unknown) => {
      assert.ok(error instanceof ProtobufEncodeError, String(error));
      assert.equal(error.code, "CODECS_ERR_PROTOBUF_VALUE");
      assert.equal(error.message, message);
      return true;
    },
  );
}

const USER = {
  id: "7f3c9a52-4d1e-4b8a-9c0f-2e6d5a1b3c4d",
  email: "bertie@example.com",
  display_name: "Bertie Wooster",
  slack_team_id: "T0123ABCD",
  slack_user_id: "U0123ABCD",
  is_admin: false,
  location: "London",
  created_at: "2024-05-01T09:00:00Z",
  updated_at: "2024-05-01T09:00:00Z",
};

/** Payloads the services send, each as its message: they must encode as protobufjs always did. */
const TYPICAL: Array<[string, unknown]> = [
  ["jeeves.v1.User", USER],
  ["jeeves.v1.User", { ...USER, email: null, location: undefined, is_admin: true }],
  ["jeeves.v1.UserPage", { items: [USER, { ...USER, id: "b" }], next_cursor: "abc" }],
  ["jeeves.v1.UserPage", { items: [] }],
  ["jeeves.v1.SettingList", { items: [{ key: "units", value: "metric", updated_at: "2024-05-01T09:00:00Z" }] }],
  ["jeeves.v1.Location", { place: "Null Island", lat: 0, lon: -0.5 }],
  [
    "jeeves.v1.Problem",
    {
      type: "urn:jeeves:problem:validation",
      title: "Bad Request",
      status: 400,
      detail: "/body/email is required",
      code: "KIT_ERR_VALIDATION",
      errors: [{ field: "/body/email", message: "is required" }],
    },
  ],
  ["jeeves.v1.Health", { status: "ok", service: "dataservice", checks: [{ name: "db", status: "ok" }] }],
  [
    "jeeves.v1.WeatherReport",
    {
      place: "London",
      country: "GB",
      units: "metric",
      temperature: 14.5,
      feels_like: -2,
      description: "light rain",
      humidity: 82,
      wind_speed: 4.1,
      wind_direction: 0,
      observed_at: "2024-05-01T09:00:00Z",
      demo: true,
    },
  ],
  [
    "jeeves.v1.ChatMessage",
    { message_id: "m1", source: "slack", team: "T1", channel: "C1", user: "U1", text: "hi", time: "1" },
  ],
  [
    "jeeves.v1.Reply",
    { reply_to: "m1", destination: "slack", team: "T1", channel: "C1", text: "Indeed, sir.", time: "2" },
  ],
  [
    "jeeves.v1.Workspace",
    { team_id: "T1", team_name: "Drones", bot_user_id: "U9", scopes: ["chat:write", "im:history"] },
  ],
  ["jeeves.v1.SettingValue", {}],
];

describe("encodeProtobuf refuses values that do not fit the message", () => {
  it("encodes the services' typical payloads exactly as protobufjs does", () => {
    for (const [name, value] of TYPICAL) {
      const type = messageClass(name);
      const raw = type.encode(type.fromObject(value as Record<string, unknown>)).finish();
      assert.deepEqual(encodeProtobuf(name, value), raw, name);
    }
    assert.equal(encodeProtobuf("jeeves.v1.SettingValue", null).length, 0);
  });

  it("an object into a string field", () => {
    refused(
      "jeeves.v1.User",
      { ...USER, display_name: { first: "Bertie" } },
      "jeeves.v1.User.display_name: expected string, got object",
    );
    refused("jeeves.v1.User", { ...USER, email: 42 }, "jeeves.v1.User.email: expected string, got number 42");
    refused(
      "jeeves.v1.Workspace",
      { scopes: ["a", ["b"]] },
      "jeeves.v1.Workspace.scopes[1]: expected string, got array",
    );
  });

  it("0 or 1 (or a string) into a bool field", () => {
    refused("jeeves.v1.User", { ...USER, is_admin: 1 }, "jeeves.v1.User.is_admin: expected boolean, got number 1");
    refused("jeeves.v1.User", { ...USER, is_admin: 0 }, "jeeves.v1.User.is_admin: expected boolean, got number 0");
    refused("jeeves.v1.WeatherReport", { demo: "false" }, "jeeves.v1.WeatherReport.demo: expected boolean, got string");
  });

  it("a fraction, an out-of-range number or a numeric string into int32", () => {
    const int32 = "int32 (an integer from -2147483648 to 2147483647)";
    refused("jeeves.v1.Problem", { status: 400.5 }, `jeeves.v1.Problem.status: expected ${int32}, got number 400.5`);
    refused(
      "jeeves.v1.Problem",
      { status: 2 ** 31 },
      `jeeves.v1.Problem.status: expected ${int32}, got number 2147483648`,
    );
    refused(
      "jeeves.v1.WeatherReport",
      { humidity: "82" },
      `jeeves.v1.WeatherReport.humidity: expected ${int32}, got string`,
    );
    assert.ok(encodeProtobuf("jeeves.v1.Problem", { status: -(2 ** 31) }).length > 0);
  });

  it("a non-finite or non-number value into double", () => {
    refused(
      "jeeves.v1.Location",
      { lat: Number.NaN },
      "jeeves.v1.Location.lat: expected finite number, got number NaN",
    );
    refused(
      "jeeves.v1.WeatherReport",
      { temperature: Infinity },
      "jeeves.v1.WeatherReport.temperature: expected finite number, got number Infinity",
    );
    refused(
      "jeeves.v1.WeatherReport",
      { wind_speed: "4.1" },
      "jeeves.v1.WeatherReport.wind_speed: expected finite number, got string",
    );
  });

  it("a property the message (or a nested message) does not declare", () => {
    refused(
      "jeeves.v1.SettingValue",
      { value: "metric", junk: 1 },
      "jeeves.v1.SettingValue.junk: the message has no such field",
    );
    refused(
      "jeeves.v1.Health",
      {
        status: "ok",
        service: "s",
        checks: [
          { name: "db", status: "ok" },
          { name: "mq", state: "ok" },
        ],
      },
      "jeeves.v1.Health.checks[1].state: the message has no such field",
    );
    assert.deepEqual(
      encodeProtobuf("jeeves.v1.SettingValue", { value: "metric", junk: undefined, other: null }),
      encodeProtobuf("jeeves.v1.SettingValue", { value: "metric" }),
      "null and undefined are absent",
    );
  });

  it("names the nested path of a wrong value", () => {
    refused(
      "jeeves.v1.SettingList",
      {
        items: [
          { key: "units", value: "metric" },
          { key: "lang", value: { code: "en" } },
        ],
      },
      "jeeves.v1.SettingList.items[1].value: expected string, got object",
    );
    refused(
      "jeeves.v1.UserPage",
      { items: [USER, { ...USER, is_admin: 1 }] },
      "jeeves.v1.UserPage.items[1].is_admin: expected boolean, got number 1",
    );
  });

  it("a wrong shape for a repeated field, a message item, or the message itself", () => {
    refused(
      "jeeves.v1.SettingList",
      { items: { key: "units" } },
      "jeeves.v1.SettingList.items: expected array, got object",
    );
    refused(
      "jeeves.v1.SettingList",
      { items: ["units"] },
      "jeeves.v1.SettingList.items[0]: expected object, got string",
    );
    refused("jeeves.v1.SettingList", { items: [null] }, "jeeves.v1.SettingList.items[0]: expected object, got null");
    refused("jeeves.v1.Workspace", { scopes: [null] }, "jeeves.v1.Workspace.scopes[0]: expected string, got null");
    refused("jeeves.v1.User", [USER], "jeeves.v1.User: expected object, got array");
    refused("jeeves.v1.User", "bertie", "jeeves.v1.User: expected object, got string");
    refused(
      "jeeves.v1.SettingList",
      { items: [new Date(0)] },
      "jeeves.v1.SettingList.items[0]: expected object, got object",
    );
  });

  it("takes an instance of the message class itself", () => {
    const type = messageClass("jeeves.v1.User");
    const message = type.fromObject(USER);
    assert.deepEqual(encodeProtobuf("jeeves.v1.User", message), encodeProtobuf("jeeves.v1.User", USER));
  });
});

describe("assertFitsMessage on every kind of field", () => {
  const { Kinds } = kindsFixture();
  const fits = (value: Record<string, unknown>) => assertFitsMessage(Kinds, "t.v1.Kinds", value);
  const refusedKinds = (value: Record<string, unknown>, message: RegExp) => {
    assert.throws(
      () => fits(value),
      (error: unknown) => error instanceof ProtobufEncodeError && message.test(error.message),
    );
  };

  it("takes values of the right types", () => {
    fits({
      s: "x",
      b: false,
      i32: -5,
      u32: 4294967295,
      si32: 0,
      f32: 1,
      sf32: -1,
      i64: "-9223372036854775808",
      u64: Number.MAX_SAFE_INTEGER,
      si64: -3,
      f64: "18446744073709551615",
      sf64: 0,
      fl: 1.5,
      db: -0,
      by: new Uint8Array([1, 2]),
      color: "RED",
      inner: { name: "n", n: 3 },
      rs: ["a"],
      ri: [{ name: "a" }],
      rn: [1, -1],
      ms: { a: "b" },
      mi: { a: { name: "x" } },
      mib: { 1: true },
      os: "",
      od: 0,
      oc: 0,
      oi: {},
      cs: "c",
      rc: ["GREEN", 1, "COLOR_UNSPECIFIED"],
      rby: [Buffer.from("x")],
      ru64: [0, "1"],
    });
    fits({ color: 2 });
    fits({ color: "COLOR_UNSPECIFIED" });
    fits({ color: 0 });
  });

  it("refuses unsigned values below zero and 64-bit values outside their range", () => {
    refusedKinds({ u32: -1 }, /^t\.v1\.Kinds\.u32: expected uint32 .*, got number -1$/);
    refusedKinds({ u32: 2 ** 32 }, /u32: expected uint32/);
    refusedKinds({ i64: 2 ** 53 }, /i64: expected int64 .*, got number 9007199254740992$/);
    refusedKinds({ i64: "9223372036854775808" }, /i64: expected int64/);
    refusedKinds({ i64: "1.5" }, /i64: expected int64 .*, got string$/);
    refusedKinds({ i64: 10n }, /i64: expected int64 .*, got bigint 10$/);
    refusedKinds({ u64: -1 }, /u64: expected uint64/);
    refusedKinds({ ru64: [0, "-1"] }, /ru64\[1\]: expected uint64/);
  });

  it("refuses undeclared enum names and numbers", () => {
    refusedKinds({ color: "BLUE" }, /^t\.v1\.Kinds\.color: expected a name or number the enum declares, got string$/);
    refusedKinds({ color: 7 }, /color: expected a name or number the enum declares, got number 7$/);
    refusedKinds({ color: true }, /color: expected a name/);
    refusedKinds({ oc: "BLUE" }, /oc: expected a name/);
    refusedKinds({ rc: ["RED", "BLUE"] }, /rc\[1\]: expected a name/);
  });

  it("refuses bytes that are not a Uint8Array", () => {
    refusedKinds({ by: "AQI=" }, /^t\.v1\.Kinds\.by: expected Uint8Array, got string$/);
    refusedKinds({ by: [1, 2] }, /by: expected Uint8Array, got array$/);
    refusedKinds({ rby: [new Uint16Array(1)] }, /rby\[0\]: expected Uint8Array, got Uint16Array$/);
  });

  it("refuses maps that are not objects, and wrong map values by key", () => {
    refusedKinds({ ms: [["a", "b"]] }, /^t\.v1\.Kinds\.ms: expected object \(a map\), got array$/);
    refusedKinds({ ms: { a: 1 } }, /^t\.v1\.Kinds\.ms\.a: expected string, got number 1$/);
    refusedKinds({ mi: { a: { name: "x", extra: 1 } } }, /^t\.v1\.Kinds\.mi\.a\.extra: the message has no such field$/);
    refusedKinds({ mib: { 1: 1 } }, /mib\.1: expected boolean/);
  });

  it("refuses a wrong value in a nested message, naming its path", () => {
    refusedKinds({ inner: { name: "x", n: 1.5 } }, /^t\.v1\.Kinds\.inner\.n: expected int32 .*, got number 1\.5$/);
    refusedKinds({ oi: "x" }, /^t\.v1\.Kinds\.oi: expected object, got string$/);
    refusedKinds({ ri: [{}, { name: 3 }] }, /^t\.v1\.Kinds\.ri\[1\]\.name: expected string, got number 3$/);
    refusedKinds({ fl: Number.NEGATIVE_INFINITY }, /fl: expected finite number/);
  });
});
