// The baseline's own process (spawned by baseline-server.ts, pinned to the server CPU), answering every
// request, once its body is read, with the status, headers and bytes of the JSON file named in argv[2];
// prints its port on stdout once it listens. argv[3] says which server: `node-http` (default), a bare
// node:http server; `fastify`, the framework the services are built on with nothing of the kit: one
// catch-all route, and pino's one `request completed` line per request (info, written asynchronously to
// /dev/null), the least a service logs.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import Fastify from "fastify";
import pino from "pino";
import type { BaselineAnswer } from "./baseline-server.ts";

const answer = JSON.parse(readFileSync(process.argv[2] ?? "", "utf8")) as BaselineAnswer;
const body = Buffer.from(answer.bodyBase64, "base64");
const headers = { ...answer.headers, "content-length": String(body.length) };
const kind = process.argv[3] ?? "node-http";

/** Says which port it listens on, and stops on SIGTERM. */
function listening(port: number, close: () => Promise<unknown>): void {
  process.stdout.write(`${port}\n`);
  process.once("SIGTERM", () => close().then(() => process.exit(0)));
}

if (kind === "fastify") {
  const app = Fastify({
    loggerInstance: pino({ level: "info" }, pino.destination({ dest: "/dev/null", sync: false })),
    // fastify's own request logging writes two lines (incoming, completed); a service writes one.
    disableRequestLogging: true,
  });
  app.addHook("onResponse", (request, reply, done) => {
    request.log.info({ res: reply, responseTime: reply.elapsedTime }, "request completed");
    done();
  });
  // Every body is taken as it comes (no parsing): the bare server only reads it too.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", (_request, payload, done) => {
    payload.resume();
    payload.once("end", () => done(null, undefined));
  });
  app.all("/*", (_request, reply) => {
    reply.code(answer.status).headers(headers).send(body);
  });
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  listening(Number(new URL(address).port), () => app.close());
} else {
  const server = createServer((request, response) => {
    request.resume();
    request.once("end", () => {
      response.writeHead(answer.status, headers);
      response.end(body);
    });
  });
  server.keepAliveTimeout = 72_000;
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    listening(
      typeof address === "object" && address ? address.port : 0,
      () => new Promise((done) => server.close(done)),
    );
  });
}
