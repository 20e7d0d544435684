import type { TestContext } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { createTokenProvider } from "@jeeves/client-kit";
import { createDataserviceClient } from "@jeeves/client-kit/clients/dataservice";
import { buildTestDataservice } from "@jeeves/dataservice/testing";
import { startTestTokenDealer, type TestTokenDealer } from "@jeeves/tokendealer/testing";
import type { TickLogger } from "../src/domain/run-tick.ts";
import {
  startTestScheduler,
  type TestDataservice,
  type TestScheduler,
  type TestSchedulerOptions,
} from "../testing/index.ts";

type Context = TestContext | { after(fn: () => Promise<void>): void };

/** One TokenDealer per test file (process), started on first use; it needs no close (unref'd). */
let shared: Promise<TestTokenDealer> | undefined;
export const dealer = () => {
  shared ??= startTestTokenDealer({ unref: true });
  return shared;
};

/** Who a test user is, and what they set. */
export interface SubscriberSpec {
  /** Slack identity; absent: a user made with createUser, without one. */
  slack?: { team: string; user: string };
  /** Settings to set (`alerts`, `timezone`, `units`…). */
  settings?: Record<string, string>;
  /** The saved place. */
  place?: string;
}

/** A real dataservice (SQLite in memory) on the shared TokenDealer, listening, and a way to add users. */
export interface Environment extends TestDataservice {
  /** Creates a user with these settings and place through the API; answers its id. */
  subscriber(spec: SubscriberSpec): Promise<string>;
}

/** Starts a dataservice for one test, on a free port, closed after it. */
export async function environment(t: Context): Promise<Environment> {
  const tokens = await dealer();
  const dataservice = await buildTestDataservice(tokens);
  t.after(() => dataservice.close());
  const url = await dataservice.app.listen({ port: 0, host: "127.0.0.1" });
  const admin = await tokens.addClient(
    `admin-${Math.random().toString(36).slice(2, 10)}`,
    ["users:read", "users:write"],
    ["dataservice"],
  );
  const client = createDataserviceClient({
    baseUrl: url,
    auth: createTokenProvider({
      tokendealerUrl: tokens.url,
      clientId: admin.id,
      clientSecret: admin.secret,
      audience: "dataservice",
    }),
  });
  return {
    url,
    dealer: tokens,
    async subscriber({ slack, settings = {}, place }) {
      const created = slack
        ? await client.POST("/users/find-or-create", { body: { slack_team_id: slack.team, slack_user_id: slack.user } })
        : await client.POST("/users", { body: { display_name: "No Slack" } });
      const userId = created.data?.id;
      if (!userId) throw new Error(`could not create the user: ${created.response.status}`);
      for (const [key, value] of Object.entries(settings)) {
        const set = await client.PUT("/users/{userId}/settings/{key}", {
          params: { path: { userId, key } },
          body: { value },
        });
        if (!set.data) throw new Error(`could not set ${key}: ${set.response.status}`);
      }
      if (place) {
        const saved = await client.PUT("/users/{userId}/location", { params: { path: { userId } }, body: { place } });
        if (!saved.data) throw new Error(`could not set the place: ${saved.response.status}`);
      }
      return userId;
    },
  };
}

/** Starts a scheduler for one test (see startTestScheduler) and closes it after the test. */
export async function scheduler(t: Context, options: TestSchedulerOptions): Promise<TestScheduler> {
  const started = await startTestScheduler(options);
  t.after(() => started.close());
  return started;
}

/** Waits until `done()` holds (every 5 ms), or fails after `timeoutMs` (generous: the machine may be loaded). */
export async function waitFor(done: () => boolean, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(5);
  }
}

/** Lets the in-process bus deliver what was published (to check that nothing more arrives). */
export const settle = () => sleep(30);

/** A TickLogger that keeps every line, to check what is logged (and what never is). */
export function recordingLogger(): TickLogger & { lines: { level: string; fields: object; message: string }[] } {
  const lines: { level: string; fields: object; message: string }[] = [];
  const at = (level: string) => (fields: object, message: string) => {
    lines.push({ level, fields, message });
  };
  return { lines, info: at("info"), warn: at("warn"), error: at("error") };
}
