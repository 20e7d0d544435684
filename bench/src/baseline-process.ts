// The baseline's own process (spawned by baseline-server.ts, pinned to the server CPU): a bare node:http
// server answering every request, once its body is read, with the status, headers and bytes of the
// JSON file named in argv[2]; prints its port on stdout once it listens.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { BaselineAnswer } from "./baseline-server.ts";

const answer = JSON.parse(readFileSync(process.argv[2] ?? "", "utf8")) as BaselineAnswer;
const body = Buffer.from(answer.bodyBase64, "base64");
const headers = { ...answer.headers, "content-length": String(body.length) };

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
  process.stdout.write(`${typeof address === "object" && address ? address.port : 0}\n`);
});
process.once("SIGTERM", () => server.close(() => process.exit(0)));
