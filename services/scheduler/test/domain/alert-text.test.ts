import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { alertText, greeting, unavailableText, unknownPlaceText } from "../../src/domain/alert-text.ts";
import { weatherReport } from "../../testing/index.ts";

const EIGHT = 8 * 60;

describe("alertText", () => {
  it("reads as the issue shows it, in whole degrees", () => {
    assert.equal(
      alertText(weatherReport(), "metric", EIGHT),
      "Good morning! Paris, FR: 12°C, feels like 10°C, light rain.",
    );
    assert.equal(
      alertText(weatherReport({ temperature: 53.6, feels_like: 50.4 }), "imperial", EIGHT),
      "Good morning! Paris, FR: 54°F, feels like 50°F, light rain.",
    );
  });

  it("never shows -0°, leaves out a missing country, and says when the data is a demo", () => {
    assert.equal(
      alertText(weatherReport({ temperature: -0.4, feels_like: -3.5, country: undefined }), "metric", EIGHT),
      "Good morning! Paris: 0°C, feels like -3°C, light rain.",
    );
    assert.equal(
      alertText(weatherReport({ demo: true }), "metric", EIGHT),
      "Good morning! Paris, FR: 12°C, feels like 10°C, light rain. (Demo data: no OpenWeatherMap key is set.)",
    );
  });

  it("greets by the alert's time of day", () => {
    assert.deepEqual([0, 5 * 60, 11 * 60 + 59, 12 * 60, 17 * 60 + 59, 18 * 60, 23 * 60].map(greeting), [
      "Good evening!",
      "Good morning!",
      "Good morning!",
      "Good afternoon!",
      "Good afternoon!",
      "Good evening!",
      "Good evening!",
    ]);
  });
});

describe("the alerts without weather", () => {
  it("name the place", () => {
    assert.equal(unavailableText("Paris"), "Your daily weather alert: I couldn't get the weather for Paris right now.");
    assert.match(unknownPlaceText("Atlantis"), /^Your daily weather alert: I couldn't find a place called Atlantis\./);
  });
});
