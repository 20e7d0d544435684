import { request } from "node:http";

/** An answer with its body exactly as it came over the wire (never decompressed). */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Sends one HTTP request with node:http, which (unlike fetch) adds no Accept-Encoding and decompresses nothing. */
export function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Uint8Array } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers = { ...options.headers };
    if (options.body) headers["content-length"] = String(options.body.length);
    const outgoing = request(url, { method: options.method ?? "GET", headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
      incoming.on("end", () =>
        resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks) }),
      );
      incoming.on("error", reject);
    });
    outgoing.on("error", reject);
    outgoing.end(options.body);
  });
}
