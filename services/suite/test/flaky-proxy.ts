import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A reverse proxy in front of a service that answers 503 to the first `failures` requests matching a path. */
export interface FlakyProxy {
  url: string;
  /** Points the proxy at its service (an http URL), say once the service listens on a port of its choice. */
  forwardTo(target: string): void;
  /** Makes the next `count` requests whose path starts with `prefix` fail with 503. */
  failNext(prefix: string, count: number): void;
  /** How many requests it failed on purpose. */
  failed(): number;
  close(): Promise<void>;
}

/** Starts a proxy on a free port of 127.0.0.1, to `target` (an http URL; until set, it answers 502). */
export async function startFlakyProxy(target?: string): Promise<FlakyProxy> {
  let upstream = target ? new URL(target) : undefined;
  let rule: { prefix: string; left: number } | undefined;
  let failed = 0;
  const server: Server = createServer((req, res) => {
    if (rule && rule.left > 0 && req.url?.startsWith(rule.prefix)) {
      rule.left -= 1;
      failed += 1;
      req.resume();
      res.writeHead(503, { "content-type": "application/problem+json", "retry-after": "1" });
      res.end(JSON.stringify({ type: "about:blank", title: "Service Unavailable", status: 503 }));
      return;
    }
    if (!upstream) {
      req.resume();
      res.writeHead(502);
      res.end();
      return;
    }
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    forwardTo(url) {
      upstream = new URL(url);
    },
    failNext(prefix, count) {
      rule = { prefix, left: count };
    },
    failed: () => failed,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
