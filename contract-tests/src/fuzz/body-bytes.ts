import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { encodeMsgpack, encodeProtobuf, MSGPACK_TYPE, PROTOBUF_TYPE } from "@jeeves/codecs";
import fc from "fast-check";
import { protobufWireGarbage } from "./protobuf-wire.ts";

/** The form media type of the OAuth endpoints. */
export const FORM_TYPE = "application/x-www-form-urlencoded";

/** A request body on the wire: its bytes and the headers that describe them. */
export interface WireBody {
  bytes?: Buffer;
  contentType?: string;
  contentEncoding?: string;
  /** The bytes before any Content-Encoding: what a signature is computed over. */
  plain?: Buffer;
}

/** Encodes a JSON-shaped value as `mediaType` without filtering it by a schema (mutations stay in). */
export function encodeAs(mediaType: string, value: unknown, protoMessage?: string): Buffer {
  if (mediaType === MSGPACK_TYPE) return encodeMsgpack(value);
  if (mediaType === PROTOBUF_TYPE) {
    if (!protoMessage) throw new Error("no protobuf message for this body");
    const bytes = encodeProtobuf(protoMessage, value);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  if (mediaType === FORM_TYPE) {
    const form = new URLSearchParams();
    if (value && typeof value === "object" && !Array.isArray(value)) {
      for (const [key, item] of Object.entries(value)) {
        form.append(key, typeof item === "string" ? item : JSON.stringify(item));
      }
    } else form.append(String(JSON.stringify(value)), "");
    return Buffer.from(form.toString());
  }
  return Buffer.from(JSON.stringify(value) ?? "");
}

/** Texts that are not quite JSON, or JSON that parsers and validators trip on. */
const ODD_JSON = [
  "",
  "{",
  "[",
  '{"a":}',
  "nul",
  "{} {}",
  "\uFEFF{}",
  '{"a":1,"a":"x"}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '"\\ud800"',
  "1e999999",
  `1${"0".repeat(1000)}`,
  "-",
  '{"\\u0000":1}',
  "[".repeat(100_000),
  `${"[".repeat(20_000)}${"]".repeat(20_000)}`,
  "{'single':'quotes'}",
  "NaN",
];

/** MessagePack bytes that are wrong or strange: never-used 0xc1, extensions, huge headers, deep nesting. */
const ODD_MSGPACK: Buffer[] = [
  Buffer.from([0xc1]),
  Buffer.from([0xd4, 0x01, 0x00]),
  Buffer.from([0xd6, 0xff, 0x00, 0x00, 0x00, 0x01]),
  Buffer.from([0xc7, 0x00, 0x05]),
  Buffer.from([0xdf, 0xff, 0xff, 0xff, 0xff]),
  Buffer.from([0xdd, 0xff, 0xff, 0xff, 0xff]),
  Buffer.from([0xdb, 0xff, 0xff, 0xff, 0xff, 0x61]),
  Buffer.from([0xc6, 0x7f, 0xff, 0xff, 0xff]),
  Buffer.from([0x81, 0x01, 0xa1, 0x61]),
  Buffer.from([0x81, 0xc0, 0xc0]),
  Buffer.from([0x81, 0x91, 0x01, 0x02]),
  Buffer.from([0x82, 0xa1, 0x61, 0x01, 0xa1, 0x61, 0xa1, 0x78]),
  Buffer.from([0x80, 0x80]),
  Buffer.from([0xcb, 0x7f, 0xf8, 0, 0, 0, 0, 0, 0]),
  Buffer.from([0xcf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
  Buffer.concat([Buffer.alloc(20_000, 0x91), Buffer.from([0xc0])]),
  Buffer.from([0x81, 0xa9, ...Buffer.from("__proto__"), 0x81, 0xa1, 0x78, 0x01]),
];

/** Byte-level breakage of an encoded valid body: cut short, a byte flipped, bytes appended. */
export function brokenBytes(bytes: Buffer): fc.Arbitrary<Buffer> {
  return fc.oneof(
    fc.nat({ max: Math.max(0, bytes.length - 1) }).map((at) => bytes.subarray(0, at)),
    fc.tuple(fc.nat({ max: Math.max(0, bytes.length - 1) }), fc.integer({ min: 1, max: 255 })).map(([at, mask]) => {
      const copy = Buffer.from(bytes);
      if (copy.length > 0) copy[at] ^= mask;
      return copy;
    }),
    fc.uint8Array({ minLength: 1, maxLength: 16 }).map((tail) => Buffer.concat([bytes, Buffer.from(tail)])),
  );
}

/** Bytes that are not (quite) a body of `mediaType`: random bytes and the encoding's own oddities. */
export function garbageFor(mediaType: string, protoMessage?: string): fc.Arbitrary<Buffer> {
  const random = fc.uint8Array({ maxLength: 256 }).map((bytes) => Buffer.from(bytes));
  if (mediaType === MSGPACK_TYPE) return fc.oneof(random, fc.constantFrom(...ODD_MSGPACK));
  if (mediaType === PROTOBUF_TYPE) return fc.oneof(random, protobufWireGarbage(protoMessage));
  if (mediaType === FORM_TYPE) {
    return fc.oneof(
      random,
      fc
        .constantFrom(
          "=",
          "&&&",
          "%",
          "%zz=1",
          "a=%E0%A4%A",
          "grant_type=client_credentials&grant_type=x",
          "a".repeat(70_000),
        )
        .map((t) => Buffer.from(t)),
    );
  }
  return fc.oneof(
    random,
    fc.constantFrom(...ODD_JSON).map((text) => Buffer.from(text)),
  );
}

/** Content-Types a body of `mediaType` should not be sent with, and odd spellings of right ones. */
export function wrongContentTypes(mediaType: string): fc.Arbitrary<string> {
  return fc.constantFrom(
    "text/plain",
    "application/xml",
    "multipart/form-data",
    "multipart/form-data; boundary=x",
    "application/octet-stream",
    "application/json-patch+json",
    FORM_TYPE,
    "application/json",
    MSGPACK_TYPE,
    PROTOBUF_TYPE,
    "application/problem+json",
    "garbage",
    ";",
    "/",
    "*/*",
    `${mediaType}; charset=utf-16`,
    `${mediaType}; charset=iso-8859-1`,
    `${mediaType}; charset=nonsense`,
    `${mediaType};;;`,
    `${mediaType.toUpperCase()}`,
    ` ${mediaType} `,
    `${mediaType}, text/plain`,
  );
}

let bombBytes: Buffer | undefined;

/** Gzip of 2 MiB of zeros: 2 KiB on the wire, twice the 1 MiB body limit once decompressed. */
function bomb(): Buffer {
  bombBytes ??= gzipSync(Buffer.alloc(2 * 1024 * 1024));
  return bombBytes;
}

/** A `Content-Encoding` and bytes for a plain body: right, broken, unsupported or odd. */
export function encodings(plain: Buffer): fc.Arbitrary<{ category: string; contentEncoding: string; bytes: Buffer }> {
  const gzip = gzipSync(plain);
  return fc.oneof(
    fc.constant({ category: "gzip", contentEncoding: "gzip", bytes: gzip }),
    fc.constant({ category: "gzip", contentEncoding: "deflate", bytes: deflateSync(plain) }),
    fc.constant({ category: "gzip", contentEncoding: "GZIP", bytes: gzip }),
    fc.constant({ category: "gzip", contentEncoding: "identity", bytes: plain }),
    brokenBytes(gzip).map((bytes) => ({ category: "broken-gzip", contentEncoding: "gzip", bytes })),
    fc.constant({ category: "broken-gzip", contentEncoding: "gzip", bytes: plain }),
    fc.constant({ category: "broken-gzip", contentEncoding: "deflate", bytes: gzip }),
    fc.constant({ category: "broken-gzip", contentEncoding: "gzip, gzip", bytes: gzip }),
    fc.constant({ category: "gzip-bomb", contentEncoding: "gzip", bytes: bomb() }),
    fc.constant({ category: "unsupported-encoding", contentEncoding: "br", bytes: brotliCompressSync(plain) }),
    fc.constant({ category: "unsupported-encoding", contentEncoding: "br", bytes: plain }),
    fc.constantFrom("compress", "zstd", "x-garbage", "", ",").map((contentEncoding) => ({
      category: "unsupported-encoding",
      contentEncoding,
      bytes: plain,
    })),
  );
}
