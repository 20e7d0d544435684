process.on("SIGINT", () => process.exit(0));
import http from "node:http";
import Fastify from "fastify";
import { createApp } from "../src/create-app.ts";
const v = process.env.VARIANT ?? "bare";
const body = JSON.stringify({ status: "ok" });
const port = Number(process.env.PORT ?? 4999);
if (v === "bare") {
  http.createServer((req, res) => { res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) }); res.end(body); }).listen(port, "127.0.0.1", () => console.log("ready"));
} else {
  let app;
  if (v === "fastify") app = Fastify();
  else if (v === "fastify-log") { const { stdoutDestination } = await import("../src/log-destination.ts"); app = Fastify({ logger: { level: "info", stream: stdoutDestination() } }); }
  else app = await createApp({ name: "x", spec: { openapi: "3.0.3", info: { title: "x", version: "1" }, paths: {} }, logger: v === "kit-nolog" ? false : undefined });
  app.get("/health", async () => ({ status: "ok" }));
  await app.listen({ port, host: "127.0.0.1" });
  console.error("ready");
}
