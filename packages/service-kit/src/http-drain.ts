import type { ServerResponse } from "node:http";
import type { FastifyInstance } from "fastify";

const inFlight = new WeakMap<FastifyInstance, Set<ServerResponse>>();

/**
 * Lets the app's close end promptly: node's `server.close()` closes the idle keep-alive connections once,
 * but a connection whose request is still running would stay open, after its answer, until its
 * keep-alive timeout. From the app's `preClose` on, every request in flight (and any that still arrives
 * on an open connection) is answered with `Connection: close`, and idle connections are closed as each
 * answer ends. Also counts the requests in flight ({@link requestsInFlight}). createApp calls it.
 */
export function drainOnClose(app: FastifyInstance): void {
  const live = new Set<ServerResponse>();
  inFlight.set(app, live);
  let closing = false;
  app.server.on("request", (_request, response: ServerResponse) => {
    live.add(response);
    if (closing) response.shouldKeepAlive = false;
    response.once("close", () => {
      live.delete(response);
      if (closing) setImmediate(() => app.server.closeIdleConnections());
    });
  });
  app.addHook("preClose", async () => {
    closing = true;
    for (const response of live) if (!response.headersSent) response.shouldKeepAlive = false;
  });
}

/** How many HTTP requests the app is answering now (0 for an app not made by createApp). */
export function requestsInFlight(app: FastifyInstance): number {
  return inFlight.get(app)?.size ?? 0;
}
