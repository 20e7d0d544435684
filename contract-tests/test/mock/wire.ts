import { gunzipSync } from "node:zlib";
import {
  type BodySchema,
  decodeBody,
  type Encoding,
  encodeMsgpack,
  encodeProtobuf,
  essence,
  MEDIA_TYPE_OF,
} from "@jeeves/codecs";
import type { RawAnswer } from "./raw-request.ts";

/** The three encodings of every dataservice body. */
export const ENCODINGS: Encoding[] = ["json", "msgpack", "protobuf"];

/**
 * Encodes a value in an encoding exactly as given: no schema filter, so a test can put a property the
 * spec does not have on the wire (protobuf alone cannot: its encoder refuses fields the message lacks).
 */
export function encodeAsIs(encoding: Encoding, value: unknown, protoMessage: string): Buffer {
  if (encoding === "msgpack") return encodeMsgpack(value);
  if (encoding === "protobuf") return Buffer.from(encodeProtobuf(protoMessage, value));
  return Buffer.from(JSON.stringify(value));
}

/** The headers of a request whose body is in `encoding` and that asks for `encoding` back. */
export function headersFor(encoding: Encoding, extra: Record<string, string> = {}): Record<string, string> {
  return { "content-type": MEDIA_TYPE_OF[encoding], accept: MEDIA_TYPE_OF[encoding], ...extra };
}

/** A header of an answer as one string. */
export function header(answer: RawAnswer, name: string): string | undefined {
  const value = answer.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

/** The JSON shape of an answer's body: gunzipped when it came gzipped, decoded by its Content-Type. */
export function decodeAnswer(answer: RawAnswer, schema?: BodySchema): unknown {
  const bytes = header(answer, "content-encoding") === "gzip" ? gunzipSync(answer.body) : answer.body;
  return decodeBody(essence(header(answer, "content-type")), bytes, schema, true);
}

/** The messages of Prism's `sl-violations` header: why it refused a request (empty when it did not). */
export function violations(answer: RawAnswer): string[] {
  const raw = header(answer, "sl-violations");
  return raw ? (JSON.parse(raw) as Array<{ message: string }>).map((v) => v.message) : [];
}
