import { gunzipSync } from "node:zlib";
import { decodeBody, essence, JSON_TYPE, MSGPACK_TYPE, type OperationSpec, PROTOBUF_TYPE } from "@jeeves/codecs";

/** A request body made ready for Prism, or the reason the front refuses it. */
export type PrismBody =
  | { ok: true; body: Buffer; contentType: string | undefined }
  | { ok: false; status: number; reason: string; detail: string };

const TRANSCODED = new Set<string>([MSGPACK_TYPE, PROTOBUF_TYPE]);

/**
 * Turns a caller's request body into what Prism reads: gunzipped when `Content-Encoding: gzip`, and a
 * MessagePack or protobuf body the operation takes decoded with the operation's request schema into
 * JSON (without filtering: Prism must see a missing or an unknown property to refuse it). Any other
 * body goes to Prism as it came, so Prism answers its own 415 or validation error.
 */
export function toPrismBody(
  raw: Buffer,
  contentType: string | undefined,
  contentEncoding: string | undefined,
  operation: OperationSpec | undefined,
): PrismBody {
  let body = raw;
  const coding = (contentEncoding ?? "identity").trim().toLowerCase();
  if (coding === "gzip" || coding === "x-gzip") {
    try {
      body = gunzipSync(raw);
    } catch (error) {
      return { ok: false, status: 400, reason: "malformed-body", detail: `bad gzip body: ${(error as Error).message}` };
    }
  } else if (coding !== "identity" && coding !== "") {
    return {
      ok: false,
      status: 415,
      reason: "unsupported-content-encoding",
      detail: `Content-Encoding ${coding} is not supported (gzip is)`,
    };
  }
  const type = essence(contentType);
  const offered = operation?.requestBody;
  // an empty protobuf body is a message with every field at its default; an empty MessagePack one is nothing
  const empty = body.length === 0 && type !== PROTOBUF_TYPE;
  if (!TRANSCODED.has(type) || !offered?.mediaTypes.includes(type) || empty) {
    return { ok: true, body, contentType };
  }
  try {
    const value = decodeBody(type, body, offered.schema, false);
    return { ok: true, body: Buffer.from(JSON.stringify(value)), contentType: JSON_TYPE };
  } catch (error) {
    return { ok: false, status: 400, reason: "malformed-body", detail: (error as Error).message };
  }
}
