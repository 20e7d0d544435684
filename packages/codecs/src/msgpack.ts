import { C1, Packr } from "msgpackr";

// Plain maps only: no records or shared structures, so any MessagePack library can read our bytes.
const packr = new Packr({ useRecords: false, mapsAsObjects: true, variableMapSize: true });

/** Encodes a value as MessagePack. */
export function encodeMsgpack(value: unknown): Buffer {
  return packr.pack(value);
}

// msgpackr decodes the never-used byte 0xc1 to a marker object instead of failing.
function assertNoNeverUsed(value: unknown): void {
  if (value === C1) throw new Error("the never-used byte 0xc1");
  if (ArrayBuffer.isView(value)) return;
  if (value === null || typeof value !== "object") return;
  for (const item of Array.isArray(value) ? value : Object.values(value)) assertNoNeverUsed(item);
}

/** Decodes one MessagePack value; throws on malformed or trailing bytes. */
export function decodeMsgpack(bytes: Uint8Array): unknown {
  if (bytes.length === 0) throw new Error("empty MessagePack body");
  const values = packr.unpackMultiple(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) as unknown[];
  if (values.length !== 1) throw new Error(`expected one MessagePack value, got ${values.length}`);
  assertNoNeverUsed(values[0]);
  return values[0];
}
