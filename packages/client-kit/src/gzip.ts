import { promisify } from "node:util";
import { gunzip as gunzipCallback, gzip as gzipCallback } from "node:zlib";

/** Compresses bytes with gzip. */
export const gzip: (bytes: Uint8Array) => Promise<Buffer> = promisify(gzipCallback);

/** Decompresses gzip bytes. */
export const gunzip: (bytes: Uint8Array) => Promise<Buffer> = promisify(gunzipCallback);

/** Whether bytes start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}
