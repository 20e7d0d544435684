import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { JSON_TYPE, MSGPACK_TYPE, negotiate, PROTOBUF_TYPE, parseAccept } from "../src/index.ts";

const OFFERED = [JSON_TYPE, MSGPACK_TYPE, PROTOBUF_TYPE];

describe("negotiate", () => {
  const cases: Array<[name: string, accept: string | undefined, expected: string | undefined]> = [
    ["no header: the first offered type", undefined, JSON_TYPE],
    ["empty header: the first offered type", "", JSON_TYPE],
    ["blank header: the first offered type", "   ", JSON_TYPE],
    ["one exact type", "application/msgpack", MSGPACK_TYPE],
    ["case does not matter", "APPLICATION/X-PROTOBUF", PROTOBUF_TYPE],
    ["the highest q wins", "application/json;q=0.5, application/msgpack;q=0.8", MSGPACK_TYPE],
    [
      "q is read after other parameters",
      "application/msgpack; charset=utf-8; q=0.7, application/json;q=0.6",
      MSGPACK_TYPE,
    ],
    ["equal q: the server's order, not the header's", "application/x-protobuf, application/msgpack", MSGPACK_TYPE],
    ["*/*: the server's first type", "*/*", JSON_TYPE],
    ["q=0 excludes the only listed type", "application/json;q=0", undefined],
    ["q=0 excludes a type */* would allow", "application/json;q=0, */*;q=0.1", MSGPACK_TYPE],
    ["exact beats type/*", "application/*;q=0.5, application/x-protobuf", PROTOBUF_TYPE],
    ["exact beats a type/* of q=0", "application/*;q=0, application/msgpack", MSGPACK_TYPE],
    ["type/* beats */*", "*/*;q=0.9, application/*;q=0.2, application/msgpack;q=0.3", MSGPACK_TYPE],
    ["the most specific range sets q even when lower", "application/json;q=0.3, */*;q=0.5", MSGPACK_TYPE],
    ["nothing offered is acceptable", "text/html", undefined],
    ["no range matches", "text/*, image/png", undefined],
    ["every type excluded", "*/*;q=0", undefined],
    [
      "malformed ranges are ignored",
      "garbage, /json, application/, */msgpack, a/b/c, application/msgpack",
      MSGPACK_TYPE,
    ],
    ["an entry with a bad q is ignored, not q=0", "application/json;q=abc, */*;q=0.5", JSON_TYPE],
    ["an out-of-range q is ignored", "application/json;q=2, application/msgpack;q=0.5", MSGPACK_TYPE],
    ["only malformed entries: nothing acceptable", ";;;,,,", undefined],
  ];
  for (const [name, accept, expected] of cases) {
    it(name, () => assert.equal(negotiate(accept, OFFERED), expected));
  }

  it("follows the server's order of offered types", () => {
    assert.equal(negotiate("*/*", [PROTOBUF_TYPE, JSON_TYPE]), PROTOBUF_TYPE);
    assert.equal(negotiate(undefined, [MSGPACK_TYPE, JSON_TYPE]), MSGPACK_TYPE);
  });

  it("answers undefined when nothing is offered", () => {
    assert.equal(negotiate(undefined, []), undefined);
    assert.equal(negotiate("*/*", []), undefined);
  });
});

describe("parseAccept", () => {
  const cases: Array<[header: string, expected: Array<{ type: string; subtype: string; q: number; index: number }>]> = [
    ["", []],
    ["application/json", [{ type: "application", subtype: "json", q: 1, index: 0 }]],
    [
      "text/html;level=1;q=0.5, */*;q=0",
      [
        { type: "text", subtype: "html", q: 0.5, index: 0 },
        { type: "*", subtype: "*", q: 0, index: 1 },
      ],
    ],
    [" Application/JSON ; Q=0.25 ", [{ type: "application", subtype: "json", q: 0.25, index: 0 }]],
    ["application/*;q=1.000", [{ type: "application", subtype: "*", q: 1, index: 0 }]],
    ["application/json;q=0.", [{ type: "application", subtype: "json", q: 0, index: 0 }]],
    ["foo, application/json", [{ type: "application", subtype: "json", q: 1, index: 1 }]],
    ["a/b/c, */json, /x, x/, application/msgpack", [{ type: "application", subtype: "msgpack", q: 1, index: 4 }]],
    [
      "a/b;q=1.5, c/d;q=-1, e/f;q=, g/h;q=0.1234, i/j;q=x, k/l;q=0.001",
      [{ type: "k", subtype: "l", q: 0.001, index: 5 }],
    ],
    ["text/plain;format=flowed", [{ type: "text", subtype: "plain", q: 1, index: 0 }]],
  ];
  for (const [header, expected] of cases) {
    it(JSON.stringify(header), () => assert.deepEqual(parseAccept(header), expected));
  }
});

describe("negotiate remembers its choices", () => {
  const offered = ["application/json", "application/msgpack"];
  it("answers the same when asked again, for many headers, long ones and refusals included", () => {
    const headers = [
      ...Array.from({ length: 150 }, (_, i) =>
        i % 2 ? `application/msgpack;q=0.${i % 10}, application/json;q=0.5` : "application/msgpack",
      ),
      `application/msgpack, ${"x/y, ".repeat(100)}`,
      "text/html",
    ];
    const first = headers.map((header) => negotiate(header, offered));
    const again = headers.map((header) => negotiate(header, offered));
    assert.deepEqual(again, first);
    assert.equal(first[0], "application/msgpack");
    assert.equal(first[1], "application/json"); // msgpack at q=0.1
    assert.equal(first.at(-2), "application/msgpack");
    assert.equal(first.at(-1), undefined);
  });
  it("a choice for one offered list is not another list's", () => {
    assert.equal(negotiate("*/*", offered), "application/json");
    assert.equal(negotiate("*/*", ["application/x-protobuf"]), "application/x-protobuf");
    assert.equal(negotiate("application/json", ["application/x-protobuf"]), undefined);
  });
});
