import type { TestContext } from "node:test";
import type { FastifyInstance } from "fastify";
import {
  buildTestDashboard,
  fakePersonTokens,
  type LoggedIn,
  type ScriptedFetch,
  scriptedFetch,
  type TestDashboardOptions,
} from "../testing/index.ts";
import { BERTIE, dataserviceScript, slackbotScript } from "./fake-upstreams.ts";

/** A dashboard on fake upstreams, and the fakes. */
export interface Built {
  app: FastifyInstance;
  /** The fake dataservice: what it was sent; set `script` to answer otherwise. */
  dataservice: ScriptedFetch;
  /** The fake slackbot. */
  slackbot: ScriptedFetch;
  personTokens: ReturnType<typeof fakePersonTokens>;
  /** The person tokens for the slackbot (`chat-<user id>`). */
  chatTokens: ReturnType<typeof fakePersonTokens>;
  /** Starts a session for the user (default Bertie) without a password. */
  logIn(userId?: string): Promise<LoggedIn>;
}

/** Builds the dashboard for one test on the fakes of fake-upstreams.ts; closed after the test. */
export async function build(
  t: TestContext | { after(fn: () => Promise<void>): void },
  options: TestDashboardOptions = {},
): Promise<Built> {
  const dataservice = scriptedFetch(dataserviceScript);
  const slackbot = scriptedFetch(slackbotScript);
  const personTokens = fakePersonTokens();
  const chatTokens = fakePersonTokens("chat");
  const dashboard = await buildTestDashboard({
    dataservice: {
      url: "http://dataservice.test",
      token: { token: async () => "own", invalidate() {} },
      fetch: dataservice.fetch,
    },
    slackbot: {
      url: "http://slackbot.test",
      personTokens: chatTokens,
      fetch: slackbot.fetch,
    },
    personTokens,
    ...options,
  });
  t.after(() => dashboard.close());
  return {
    app: dashboard.app,
    dataservice,
    slackbot,
    personTokens,
    chatTokens,
    logIn: (userId = BERTIE.id) => dashboard.logIn(userId),
  };
}

/** A JSON request to the dashboard through `inject`; the answer's status, headers and parsed body. */
export async function call(
  app: FastifyInstance,
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  url: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  if (options.body !== undefined) headers["content-type"] ??= "application/json";
  const res = await app.inject({
    method,
    url,
    headers,
    ...(options.body !== undefined
      ? { payload: typeof options.body === "string" ? options.body : JSON.stringify(options.body) }
      : {}),
  });
  const type = String(res.headers["content-type"] ?? "").split(";")[0];
  // biome-ignore lint/suspicious/noExplicitAny: tests read any field of the JSON body
  const body: any = type.endsWith("json") && res.body ? JSON.parse(res.body) : res.body;
  return { status: res.statusCode, headers: res.headers, contentType: type, body };
}
