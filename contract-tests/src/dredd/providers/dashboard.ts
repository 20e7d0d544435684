import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTokenProvider } from "@jeeves/client-kit";
import { fetchFromInject } from "@jeeves/client-kit/testing";
import { loginKey } from "@jeeves/dashboard";
import {
  buildTestDashboard,
  connectionRefused,
  fakePersonTokens,
  type LoggedIn,
  problemResponse,
  scriptedFetch,
} from "@jeeves/dashboard/testing";
import { buildTestDataservice } from "@jeeves/dataservice/testing";
import { startTestTokenDealer } from "@jeeves/tokendealer/testing";
import type { PlannedTransaction } from "../plan.ts";
import type { ProviderSession, RequestSpec, Undo } from "./types.ts";

/** The spec's cookie and CSRF schemes: `prepare` writes them (there is no bearer token to mint). */
const SESSION_SCHEMES = ["session", "csrf"];

/** The seeded person the sessions are for, and their password (the 200 of logIn). */
const PERSON = { email: "dredd-admin@example.com", display_name: "Dredd Admin", password: "what-ho-dredd" };
/** Failed logins allowed per address and email in the provider. */
const LOGIN_FAILURES = 3;

/** A dataservice that can fail on purpose: up, answering 500, or not reachable. */
type Upstream = "up" | "failing" | "down";

/**
 * The dashboard as a provider: `buildTestDashboard` listening on 127.0.0.1 on a free port, on a real
 * TokenDealer and a real dataservice (in-process), a scripted slackbot, and a built page of one file.
 * Its scheme is a session cookie (and the CSRF header), written by `prepare` for the `valid`
 * credentials (cookie only for `insufficient`: the 403s; nothing for the 401s) from sessions started
 * directly for a seeded person. Person tokens are client-credentials tokens of a client that may do
 * what an admin may: a stand-in for the TokenDealer's token exchange (the dashboard's unit tests and the
 * suite's test cover the exchange itself). Provider states: unique emails (201), a seeded email (409),
 * a fresh user (204), failed logins recorded (429), the dataservice answering 500 (502) or unreachable
 * (503), the slackbot answering 504, 500 or unreachable for the chat's 504, 502 and 503.
 */
export async function startProvider(): Promise<ProviderSession> {
  const cleanups: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const dealer = await startTestTokenDealer();
    cleanups.push(() => dealer.close());
    const dataservice = await buildTestDataservice(dealer);
    cleanups.push(() => dataservice.close());
    const page = await mkdtemp(join(tmpdir(), "dredd-dashboard-page-"));
    cleanups.push(() => rm(page, { recursive: true, force: true }));
    await mkdir(page, { recursive: true });
    await writeFile(join(page, "index.html"), "<!doctype html><title>Jeeves</title>");

    const provider = (id: string, secret: string, scopes: string[]) =>
      createTokenProvider({
        tokendealerUrl: dealer.url,
        clientId: id,
        clientSecret: secret,
        audience: "dataservice",
        scopes,
      });
    const own = await dealer.addClient("dredd-dashboard", ["users:read"], ["dataservice"]);
    const adminScopes = ["users:read", "users:write", "users:admin", "workspaces:read"];
    const stand = await dealer.addClient("dredd-dashboard-person", adminScopes, ["dataservice"]);
    const standIn = provider(stand.id, stand.secret, adminScopes);

    let upstream: Upstream = "up";
    const reach = fetchFromInject(dataservice.app);
    const dataserviceFetch = async (request: Request): Promise<Response> => {
      if (upstream === "down") return connectionRefused();
      if (upstream === "failing")
        return problemResponse(500, { code: "SERVICE_ERR_INTERNAL", title: "Internal Server Error" });
      return reach(request);
    };
    const slackbot = scriptedFetch((request) => {
      const { text } = JSON.parse(request.body) as { text: string };
      return Response.json({ reply_to: randomUUID(), text: `You said: ${text}`, time: new Date().toISOString() });
    });
    const chatReplies = slackbot.script;

    const dashboard = await buildTestDashboard({
      dataservice: {
        url: "http://dataservice.test",
        token: provider(own.id, own.secret, ["users:read"]),
        fetch: dataserviceFetch,
      },
      slackbot: { url: "http://slackbot.test", personTokens: fakePersonTokens("dredd-chat"), fetch: slackbot.fetch },
      personTokens: { token: () => standIn.token(), invalidate: () => standIn.invalidate() },
      staticDir: page,
      loginFailuresPerMinute: LOGIN_FAILURES,
    });
    cleanups.push(() => dashboard.close());
    const url = await dashboard.app.listen({ port: 0, host: "127.0.0.1" });

    const params = { existing: {} as Record<string, string>, missing: {} as Record<string, string> };
    let person: { id: string } | undefined;
    let session: LoggedIn | undefined;
    /** Sessions the fuzzer's requests take in turn (one that logs out ends only its own). */
    const pool: LoggedIn[] = [];
    let turn = 0;
    let counter = 0;
    const unique = (what: string) => `dredd-${what}-${++counter}-${randomUUID().slice(0, 8)}@example.com`;

    /** Creates a user through the dataservice's API (with the stand-in admin token). */
    async function createUser(body: Record<string, unknown>): Promise<{ id: string }> {
      const res = await dataservice.app.inject({
        method: "POST",
        url: "/users",
        headers: { authorization: `Bearer ${await standIn.token()}`, "content-type": "application/json" },
        payload: JSON.stringify(body),
      });
      if (res.statusCode !== 201) throw new Error(`seeding a user failed: ${res.statusCode} ${res.body}`);
      return JSON.parse(res.body) as { id: string };
    }

    async function seed() {
      person = await createUser({ ...PERSON, is_admin: true });
      const other = await createUser({
        email: unique("existing"),
        display_name: "Bertie Wooster",
        password: "what-ho-jeeves",
      });
      params.existing.userId = other.id;
      params.missing.userId = "0190b8a2-7c1e-7d4a-9f3e-000000000000";
      params.existing.key = "units";
      session = await dashboard.logIn(person.id);
      for (let i = 0; i < 50; i++) pool.push(await dashboard.logIn(person.id));
    }

    /** The cookie (and the CSRF header for `valid`) of a session, as the transaction's credentials ask. */
    function credentials(request: RequestSpec, loggedIn: LoggedIn | undefined): void {
      if (!loggedIn || request.credentials === "unauthenticated") return;
      request.headers.cookie = loggedIn.cookie;
      if (request.credentials === "valid") request.headers["x-csrf-token"] = loggedIn.session.csrfToken;
    }

    async function prepare(transaction: PlannedTransaction, request: RequestSpec): Promise<Undo | undefined> {
      const { operationId } = transaction.operation;
      const status = transaction.status;
      // Logging out ends the session: those transactions get one of their own.
      const own = operationId === "logOut" && status === "204" ? await dashboard.logIn(person?.id ?? "") : session;
      // Logging in with a session cookie would end that session (no fixation): the login goes without one.
      if (operationId !== "logIn") credentials(request, own);
      if (operationId === "logIn") {
        const body = request.body as Record<string, unknown> | undefined;
        if (status === "200") request.body = { email: PERSON.email, password: PERSON.password };
        if (status === "401") request.body = { email: unique("nobody"), password: "not-the-password" };
        if (status === "429") {
          const email = unique("limited");
          for (let i = 0; i < LOGIN_FAILURES; i++)
            await dashboard.app.loginFailures.record(loginKey("127.0.0.1", email));
          request.body = { email, password: "any-password" };
        }
        if (status === "503") request.body = { ...body, email: unique("down") };
      }
      if (operationId === "createUser" && status === "201")
        request.body = { ...(request.body as object), email: unique("new") };
      if (operationId === "createUser" && status === "409")
        request.body = { ...(request.body as object), email: PERSON.email };
      if (operationId === "updateUser" && status === "409") request.body = { email: PERSON.email };
      if (operationId === "deleteUser" && status === "204") {
        request.params.userId = (
          await createUser({ email: unique("deleted"), display_name: "Gone", password: "what-ho-gone" })
        ).id;
      }
      if (operationId === "deleteMySetting" && status === "400") request.params.key = "colour";
      if (operationId === "sendChatMessage" && (status === "502" || status === "503")) {
        slackbot.script =
          status === "502" ? () => problemResponse(500, { code: "SERVICE_ERR_INTERNAL" }) : () => connectionRefused();
        return () => {
          slackbot.script = chatReplies;
        };
      }
      if (status === "502" || status === "503") {
        upstream = status === "502" ? "failing" : "down";
        return () => {
          upstream = "up";
        };
      }
      if (operationId === "sendChatMessage" && status === "504") {
        slackbot.script = () => problemResponse(504, { code: "SLACKBOT_ERR_NO_REPLY", title: "Gateway Timeout" });
        return () => {
          slackbot.script = chatReplies;
        };
      }
      return undefined;
    }

    return {
      url,
      app: dashboard.app,
      credentials: {
        signedByPrepare: SESSION_SCHEMES,
        // The fuzzer's "signature": a session's cookie and CSRF header (the pool's in turn), or ones of no session.
        sign: (_body, valid) => {
          const taken = pool[turn++ % Math.max(1, pool.length)];
          return valid && taken
            ? { cookie: taken.cookie, "x-csrf-token": taken.session.csrfToken }
            : { cookie: `jeeves_session=${"x".repeat(43)}`, "x-csrf-token": "not-the-token" };
        },
      },
      params,
      seed,
      prepare,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
