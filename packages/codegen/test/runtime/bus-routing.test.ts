import assert from "node:assert/strict";
import { test } from "node:test";
import { type ChannelAddress, routingKey, subscriptionPattern } from "../../src/runtime/bus-routing.ts";

const CHANNEL: ChannelAddress = {
  id: "weather",
  address: "weather.{region}.{kind}",
  parameters: { region: { enum: ["eu", "us"] }, kind: {} },
};

test("routingKey fills every parameter; one without enum takes any single word", () => {
  assert.equal(routingKey(CHANNEL, { region: "eu", kind: "rain_now-2" }), "weather.eu.rain_now-2");
});

test("routingKey refuses a missing value, a value that is not one word, and one outside the enum", () => {
  assert.throws(() => routingKey(CHANNEL, { region: "eu" }), /^Error: bus: invalid kind undefined for channel weather/);
  assert.throws(() => routingKey(CHANNEL, { region: "eu", kind: "a.b" }), /invalid kind "a\.b" .*one word/);
  assert.throws(() => routingKey(CHANNEL, { region: "eu", kind: "" }), /invalid kind ""/);
  assert.throws(
    () => routingKey(CHANNEL, { region: "asia", kind: "rain" }),
    /^Error: bus: channel weather \(weather\.\{region\}\.\{kind\}\) has no region "asia"; region is one of eu, us$/,
  );
});

test("subscriptionPattern puts * for each parameter left out and checks the ones given", () => {
  assert.equal(subscriptionPattern(CHANNEL), "weather.*.*");
  assert.equal(subscriptionPattern(CHANNEL, { kind: "rain" }), "weather.*.rain");
  assert.equal(subscriptionPattern(CHANNEL, { region: "us", kind: undefined }), "weather.us.*");
  assert.throws(() => subscriptionPattern(CHANNEL, { region: "#" }), /invalid region "#"/);
  assert.throws(() => subscriptionPattern(CHANNEL, { region: "mars" }), /has no region "mars"/);
  assert.equal(subscriptionPattern({ id: "due", address: "alerts.due", parameters: {} }), "alerts.due");
});
