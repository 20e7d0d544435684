import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import { protoMessages } from "../../src/breaking/proto-diff.ts";
import { ROOT } from "../../src/registry.ts";

describe("messages of a .proto file", () => {
  it("names top-level and nested messages with their package, not enums, oneofs or comments", () => {
    const text = `
      syntax = "proto3";
      package jeeves.v1;
      // message Commented { }
      /* message Blocked { } */
      message Outer {
        enum Kind { KIND_UNSPECIFIED = 0; }
        message Inner { string note = 1; }
        oneof choice { string a = 1; int32 b = 2; }
        string text = 3 [json_name = "message Fake {"];
      }
      message Second {}
    `;
    assert.deepEqual(protoMessages(text), ["jeeves.v1.Outer", "jeeves.v1.Outer.Inner", "jeeves.v1.Second"]);
  });

  it("reads the messages of the real common.proto", async () => {
    const text = await readFile(`${ROOT}specs/proto/jeeves/v1/common.proto`, "utf8");
    assert.deepEqual(protoMessages(text), [
      "jeeves.v1.FieldError",
      "jeeves.v1.Problem",
      "jeeves.v1.Health",
      "jeeves.v1.HealthCheck",
    ]);
  });
});
