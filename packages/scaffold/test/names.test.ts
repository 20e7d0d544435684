import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_NAME_LENGTH, ScaffoldError, serviceNames } from "../src/names.ts";

describe("serviceNames", () => {
  it("answers the forms of a one-word and a kebab-case name", () => {
    assert.deepEqual(serviceNames("greeter"), {
      name: "greeter",
      pascal: "Greeter",
      camel: "greeter",
      constant: "GREETER",
    });
    assert.deepEqual(serviceNames("road-works2"), {
      name: "road-works2",
      pascal: "RoadWorks2",
      camel: "roadWorks2",
      constant: "ROAD_WORKS2",
    });
  });

  for (const name of ["Greeter", "road_works", "road works", "-road", "road-", "road--works", "1road", "", "rõad"]) {
    it(`refuses ${JSON.stringify(name)}: not lowercase kebab-case`, () => {
      assert.throws(
        () => serviceNames(name),
        (error: unknown) => {
          assert.ok(error instanceof ScaffoldError);
          assert.match(error.message, /is not a service name: use lowercase letters and digits in kebab-case/);
          return true;
        },
      );
    });
  }

  it(`refuses a name longer than ${MAX_NAME_LENGTH} characters`, () => {
    assert.throws(() => serviceNames("a".repeat(MAX_NAME_LENGTH + 1)), /at most 30/);
    assert.equal(serviceNames("a".repeat(MAX_NAME_LENGTH)).name.length, MAX_NAME_LENGTH);
  });

  it("refuses names taken by generated modules, spec folders", () => {
    for (const name of ["types", "routing", "external", "proto", "common"]) {
      assert.throws(() => serviceNames(name), /is reserved/, name);
    }
  });

  it("refuses reserved words of JavaScript (the suite declares a variable of that name)", () => {
    for (const name of ["new", "class", "delete", "package", "await"]) {
      assert.throws(() => serviceNames(name), /is a reserved word of JavaScript/, name);
    }
    assert.equal(serviceNames("type").camel, "type", "a contextual keyword is a fine variable name");
  });
});
