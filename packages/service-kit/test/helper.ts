import { readFileSync } from "node:fs";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { parse } from "yaml";
import { createApp, defineErrors, type HandlerContext, openapiRoutes } from "../src/index.ts";

/** The kit's fixture spec: a tiny service with the shapes the kit must handle. */
export const echoSpec = parse(readFileSync(new URL("./fixtures/echo.yaml", import.meta.url), "utf8")) as Record<
  string,
  unknown
>;

const ERR = defineErrors("ECHO", { DOWN: { status: 503, title: "Down for maintenance" } });

interface Req {
  query: { size?: number };
  body: unknown;
}

/** Handlers of the fixture: one answers a body of the asked size, one throws, one is unavailable. */
export const echoHandlers = {
  getOk: ({ query }: Req) => ({
    status: 200,
    body: { status: "ok", service: "x".repeat(query.size ?? 0), checks: [], leaked: "not in the schema" },
  }),
  echo: ({ body }: Req) => ({ status: 200, body }),
  boom: () => {
    throw new Error("connection to db://admin:hunter2@db failed");
  },
  unavailable: () => {
    throw ERR.DOWN({ detail: "back soon", headers: { "retry-after": "30" } });
  },
};

/** Builds the fixture app and closes it after the test. */
export async function build(
  t: { after(fn: () => Promise<void>): void },
  options: { logger?: FastifyServerOptions["logger"]; handlers?: object } = {},
): Promise<FastifyInstance> {
  const app = await createApp({ name: "echo", spec: echoSpec, logger: options.logger ?? false });
  await app.register(openapiRoutes, { spec: echoSpec, handlers: options.handlers ?? echoHandlers });
  await app.ready();
  t.after(() => app.close());
  return app;
}

export type { HandlerContext };
