import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { createMemoryLoginFailures } from "../adapters/memory-login-failures.ts";
import { createMemorySessionStore } from "../adapters/memory-session-store.ts";
import { createRedisLoginFailures } from "../adapters/redis-login-failures.ts";
import { createRedisSessionStore } from "../adapters/redis-session-store.ts";
import type { LoginFailures } from "../domain/login-failures.ts";
import type { SessionStore } from "../domain/session.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** The sessions: in memory, or in Redis when the app has one (`REDIS_URL`). */
    sessions: SessionStore;
    /** Failed logins per address and email, in the same place. */
    loginFailures: LoginFailures;
    /** How the session cookie is set: `Secure` or not, and its lifetime in seconds. */
    sessionCookie: { secure: boolean; maxAgeSeconds: number };
  }
}

/** Options of the sessions plugin. */
export interface SessionsPluginOptions {
  /** How long a session lasts, seconds. */
  ttlSeconds: number;
  /** Failed logins allowed per address and email within a minute. */
  loginFailuresPerMinute: number;
  /** Whether the cookie is `Secure` (see secureCookie). */
  secureCookie: boolean;
  /** The clock, ms. Default `Date.now`. */
  now?: () => number;
}

/**
 * Decorates `app.sessions` and `app.loginFailures`: in Redis when the app has one (`app.redis`, from
 * `REDIS_URL`: every replica sees every session and counts every failure), else in this process's memory.
 */
export const sessionsPlugin = fp(
  async (app: FastifyInstance, options: SessionsPluginOptions) => {
    const ttlMs = options.ttlSeconds * 1000;
    const limit = { max: options.loginFailuresPerMinute };
    if (app.redis) {
      app.decorate("sessions", createRedisSessionStore(app.redis, { ttlMs, now: options.now }));
      app.decorate("loginFailures", createRedisLoginFailures(app.redis, { ...limit, log: app.log }));
    } else {
      app.decorate("sessions", createMemorySessionStore({ ttlMs, now: options.now }));
      app.decorate("loginFailures", createMemoryLoginFailures({ ...limit, now: options.now }));
    }
    app.decorate("sessionCookie", { secure: options.secureCookie, maxAgeSeconds: options.ttlSeconds });
  },
  { name: "dashboard-sessions", dependencies: ["jeeves-redis"] },
);
