import { brotliCompressSync } from "node:zlib";
import type { FuzzCredentials } from "./credentials.ts";
import type { FuzzRequest } from "./fuzz-request.ts";
import type { FuzzTarget } from "./targets.ts";

const CRLF = "\r\n";

function raw(category: string, text: string | Buffer, operationId = "(raw http)"): FuzzRequest {
  const bytes = typeof text === "string" ? Buffer.from(text, "latin1") : text;
  return { category: `raw:${category}`, operationId, method: "RAW", url: "", headers: {}, raw: bytes };
}

function request(method: string, target: string, headers: string[] = [], body = ""): string {
  const lines = [`${method} ${target} HTTP/1.1`, "Host: 127.0.0.1", "Connection: close", ...headers];
  const framed = headers.some((h) => /^(content-length|transfer-encoding):/i.test(h));
  if (body && !framed) lines.push(`Content-Length: ${Buffer.byteLength(body, "latin1")}`);
  return `${lines.join(CRLF)}${CRLF}${CRLF}${body}`;
}

/**
 * Requests only a socket can send (`app.inject` normalises URLs and headers): dot segments and bad
 * percent-encoding in the path, raw UTF-8 and controls in the request line, an absolute-form target,
 * headers and URLs beyond node's 16 KiB limit (431), a path parameter beyond fastify's 100 characters
 * (414), broken framing (chunked and Content-Length both, bad chunk sizes, a Content-Length that is not
 * a number), HTTP/1.0, no Host. The server must answer each, quickly, with a problem.
 */
export function rawRequests(targets: FuzzTarget[], credentials: FuzzCredentials): FuzzRequest[] {
  const get = targets.find((t) => t.method === "GET" && !t.path.includes("{"))?.path ?? "/health";
  const withParam = targets.find((t) => t.path.includes("{"));
  // A body operation the raw bodies can reach: open, or behind a token or client credentials we hold.
  const bodyTarget = targets.find((t) => t.body && t.guard.kind !== "signature");
  const auth =
    bodyTarget?.guard.kind === "bearer" && credentials.valid
      ? [`Authorization: Bearer ${credentials.valid}`]
      : bodyTarget?.guard.kind === "basic" && credentials.basic
        ? [
            `Authorization: Basic ${Buffer.from(`${encodeURIComponent(credentials.basic.id)}:${encodeURIComponent(credentials.basic.secret)}`).toString("base64")}`,
          ]
        : [];
  const post = bodyTarget ? bodyTarget.path.replace(/\{[^{}]+\}/g, "x") : "/";
  const postMethod = bodyTarget?.method ?? "POST";
  const json = '{"a":1}';
  const brotli = brotliCompressSync(Buffer.from(json));
  const requests = [
    raw("dot-segments", request("GET", `/x/..${get}`)),
    raw("dot-segments", request("GET", `/.${get}`)),
    raw("dot-segments", request("GET", `/%2e%2e${get}`)),
    raw("dot-segments", request("GET", `${get}/../../../../etc/passwd`)),
    raw("double-slash", request("GET", `/${get}`)),
    raw("bad-percent", request("GET", `${get}?%zz=%`)),
    raw("bad-percent", request("GET", "/%zz")),
    raw("bad-percent", request("GET", "/%E0%A4%A")),
    raw("bad-percent", request("GET", "/%")),
    raw("fragment", request("GET", `${get}#fragment`)),
    raw("absolute-form", request("GET", `http://example.com${get}`)),
    raw("asterisk-form", request("OPTIONS", "*")),
    raw("no-leading-slash", request("GET", get.slice(1))),
    raw("raw-utf8", Buffer.from(request("GET", `${get}/é😀`), "utf8")),
    raw("control-in-path", request("GET", `${get}\u0001`)),
    raw("space-in-path", request("GET", `${get} x`)),
    raw("huge-header", request("GET", get, [`X-Padding: ${"x".repeat(20_000)}`])),
    raw(
      "many-headers",
      request(
        "GET",
        get,
        Array.from({ length: 3_000 }, (_, i) => `X-H${i}: ${i}`),
      ),
    ),
    raw("huge-url", request("GET", `${get}?q=${"x".repeat(20_000)}`)),
    raw("huge-accept", request("GET", get, [`Accept: ${"a/b, ".repeat(3_000)}`])),
    raw("bad-header-name", request("GET", get, ["Bad Header: x"])),
    raw("header-no-colon", request("GET", get, ["NoColonHere"])),
    raw("obs-fold", request("GET", get, ["X-Folded: a", " continued"])),
    raw("http-1.0", `GET ${get} HTTP/1.0${CRLF}${CRLF}`),
    raw("http-2.0-line", `GET ${get} HTTP/2.0${CRLF}Host: x${CRLF}Connection: close${CRLF}${CRLF}`),
    raw("no-host", `GET ${get} HTTP/1.1${CRLF}Connection: close${CRLF}${CRLF}`),
    raw("two-hosts", request("GET", get, ["Host: evil.example"])),
    raw("unknown-method", request("BREW", get)),
    raw("lowercase-method", request("get", get)),
    raw(
      "chunked-and-length",
      request(
        postMethod,
        post,
        [...auth, "Content-Type: application/json", "Transfer-Encoding: chunked", "Content-Length: 12"],
        `7${CRLF}${json}${CRLF}0${CRLF}${CRLF}`,
      ),
      bodyTarget?.operationId,
    ),
    raw(
      "bad-chunk",
      request(
        postMethod,
        post,
        [...auth, "Content-Type: application/json", "Transfer-Encoding: chunked"],
        `zz${CRLF}${json}${CRLF}0${CRLF}${CRLF}`,
      ),
      bodyTarget?.operationId,
    ),
    raw(
      "chunked",
      request(
        postMethod,
        post,
        [...auth, "Content-Type: application/json", "Transfer-Encoding: chunked"],
        `7${CRLF}${json}${CRLF}0${CRLF}${CRLF}`,
      ),
      bodyTarget?.operationId,
    ),
    raw(
      "length-not-a-number",
      request(postMethod, post, [...auth, "Content-Type: application/json", "Content-Length: abc"]),
      bodyTarget?.operationId,
    ),
    raw(
      "two-lengths",
      request(
        postMethod,
        post,
        [...auth, "Content-Type: application/json", "Content-Length: 7", "Content-Length: 8"],
        json,
      ),
      bodyTarget?.operationId,
    ),
    raw("body-on-get", request("GET", get, ["Content-Type: application/json"], json)),
    raw(
      "brotli-body",
      Buffer.concat([
        Buffer.from(
          request(postMethod, post, [
            ...auth,
            ...auth,
            "Content-Type: application/json",
            "Content-Encoding: br",
            `Content-Length: ${brotli.length}`,
          ]),
          "latin1",
        ),
        brotli,
      ]),
      bodyTarget?.operationId,
    ),
    raw(
      "broken-gzip-body",
      request(
        postMethod,
        post,
        [...auth, "Content-Type: application/json", "Content-Encoding: gzip", "Content-Length: 7"],
        json,
      ),
      bodyTarget?.operationId,
    ),
  ];
  if (withParam) {
    const long = withParam.path.replace(/\{[^{}]+\}/g, "x".repeat(150));
    requests.push(raw("long-parameter", request(withParam.method, long), withParam.operationId));
    requests.push(
      raw(
        "bad-percent-parameter",
        request(withParam.method, withParam.path.replace(/\{[^{}]+\}/g, "%zz")),
        withParam.operationId,
      ),
    );
  }
  return requests;
}
