import { readFileSync } from "node:fs";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { parse } from "yaml";
import {
  createApp,
  defineErrors,
  type HandlerContext,
  type OperationHooks,
  openapiRoutes,
  requireScope,
  type TokenVerifier,
} from "../src/index.ts";

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
  getSecret: () => ({ status: 204 }),
  getMaybe: (_req: Req, { request }: HandlerContext) => {
    if (request.auth) requireScope(request, "users:read");
    return { status: 204, headers: { "x-client": request.auth?.clientId ?? "anonymous" } };
  },
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
  options: {
    logger?: FastifyServerOptions["logger"];
    handlers?: object;
    verifier?: TokenVerifier;
    hooks?: Record<string, OperationHooks>;
  } = {},
): Promise<FastifyInstance> {
  const app = await createApp({ name: "echo", spec: echoSpec, logger: options.logger ?? false });
  const verifier = options.verifier ?? { verify: () => Promise.reject(new Error("no verifier in this test")) };
  await app.register(openapiRoutes, {
    spec: echoSpec,
    handlers: options.handlers ?? echoHandlers,
    verifier,
    hooks: options.hooks,
  });
  await app.ready();
  t.after(() => app.close());
  return app;
}

export type { HandlerContext };
