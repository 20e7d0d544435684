import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import manifest from "../service.json" with { type: "json" };
import { type AppOptions, buildApp } from "../src/app.ts";
import type { PersonTokens, ServiceToken } from "../src/domain/person-tokens.ts";
import { installUrl, serviceLinks } from "../src/domain/service-links.ts";
import type { Session } from "../src/domain/session.ts";
import { SESSION_COOKIE } from "../src/domain/session-cookie.ts";
import { connectionRefused } from "./scripted-fetch.ts";

/** Options of {@link buildTestDashboard}: any of buildApp's, the rest faked. */
export type TestDashboardOptions = Partial<AppOptions>;

/** A dashboard for tests. */
export interface TestDashboard {
  /** The app, ready, not listening: `inject`, or `listen({ port: 0 })`. */
  app: FastifyInstance;
  /** Starts a session for the user id without a password (an injected test session): its cookie and CSRF header. */
  logIn(userId: string): Promise<LoggedIn>;
  /** Closes the app. */
  close(): Promise<void>;
}

/** A test session and the headers that carry it. */
export interface LoggedIn {
  session: Session;
  /** `Cookie: jeeves_session=<id>`. */
  cookie: string;
  /** The cookie and `X-CSRF-Token`, for a state-changing call. */
  headers: { cookie: string; "x-csrf-token": string };
}

/** A fixed token for one service, as the dashboard's own client would hold. */
export function fixedToken(token: string): ServiceToken {
  return { token: async () => token, invalidate: () => {} };
}

/**
 * Person tokens `<prefix>-<user id>` (renewed after `invalidate`: `<prefix>-<user id>-2`, …), counting the
 * renewals; `prefix` is `person` by default (tell the dataservice's from the slackbot's with another).
 */
export function fakePersonTokens(prefix = "person"): PersonTokens & { issued: Map<string, number> } {
  const issued = new Map<string, number>();
  return {
    issued,
    async token(userId) {
      const count = issued.get(userId) ?? 1;
      issued.set(userId, count);
      return count === 1 ? `${prefix}-${userId}` : `${prefix}-${userId}-${count}`;
    },
    invalidate(userId) {
      issued.set(userId, (issued.get(userId) ?? 1) + 1);
    },
  };
}

/** A fetch to nowhere: every call fails as when nothing listens. */
const nowhere = async (): Promise<Response> => connectionRefused();

/**
 * Builds a dashboard for tests, here and in other workspaces (the contract tests' Dredd provider and
 * fuzzer): whatever `options` leaves out is faked (a fixed service token, `fakePersonTokens`, upstreams
 * that cannot be reached, a page folder that does not exist, no logs). `logIn` starts a session directly.
 */
export async function buildTestDashboard(options: TestDashboardOptions = {}): Promise<TestDashboard> {
  const app = await buildApp({
    dataservice: { url: "http://dataservice.test", token: fixedToken("dashboard-dataservice"), fetch: nowhere },
    slackbot: { url: "http://slackbot.test", personTokens: fakePersonTokens("chat"), fetch: nowhere },
    personTokens: fakePersonTokens(),
    links: {
      services: serviceLinks({}, { name: manifest.name }),
      installUrl: installUrl("http://slackbot.test"),
    },
    staticDir: join(tmpdir(), "jeeves-dashboard-no-page"),
    ...options,
    logger: options.logger ?? false,
  });
  await app.ready();
  return {
    app,
    async logIn(userId) {
      const session = await app.sessions.create(userId);
      const cookie = `${SESSION_COOKIE}=${session.id}`;
      return { session, cookie, headers: { cookie, "x-csrf-token": session.csrfToken } };
    },
    close: () => app.close(),
  };
}
