import protobuf from "protobufjs";
import type { MessageClass } from "../src/index.ts";

const KINDS_PROTO = `
syntax = "proto3";
package t.v1;
enum Color { COLOR_UNSPECIFIED = 0; RED = 1; GREEN = 2; }
message Inner { string name = 1; optional int32 n = 2; }
message Kinds {
  string s = 1; bool b = 2; int32 i32 = 3; uint32 u32 = 4; sint32 si32 = 5; fixed32 f32 = 6; sfixed32 sf32 = 7;
  int64 i64 = 8; uint64 u64 = 9; sint64 si64 = 10; fixed64 f64 = 11; sfixed64 sf64 = 12;
  float fl = 13; double db = 14; bytes by = 15; Color color = 16; Inner inner = 17;
  repeated string rs = 18; repeated Inner ri = 19; repeated int32 rn = 20;
  map<string, string> ms = 21; map<string, Inner> mi = 22; map<int32, bool> mib = 23;
  optional string os = 24; optional double od = 25; optional Color oc = 26; optional Inner oi = 27;
  oneof choice { string cs = 28; int32 ci = 29; }
  repeated Color rc = 30; repeated bytes rby = 31; repeated uint64 ru64 = 32;
}
`;

/** A reflected fixture with a field of every kind: its classes behave as the generated static ones. */
export function kindsFixture(): { Kinds: MessageClass; Inner: MessageClass; type: protobuf.Type } {
  const root = protobuf.parse(KINDS_PROTO, { keepCase: true }).root;
  root.resolveAll();
  const type = root.lookupType("t.v1.Kinds");
  return {
    Kinds: type.ctor as unknown as MessageClass,
    Inner: root.lookupType("t.v1.Inner").ctor as unknown as MessageClass,
    type,
  };
}
