import { TokenRequestError } from "@jeeves/client-kit";
import { createDataserviceClient } from "@jeeves/client-kit/clients/dataservice";
import type { components, operations } from "@jeeves/generated/openapi/dataservice";
import type { PersonTokens, ServiceToken } from "../domain/person-tokens.ts";
import { ERR } from "../errors.ts";
import { type Answer, type CallLog, type CallSite, failedCall, refusal, sendCall } from "./upstream-call.ts";

type Schemas = components["schemas"];
/** The dataservice's user, as it answers it (never a password). */
export type DataserviceUser = Schemas["User"];
export type UserPage = Schemas["UserPage"];
export type UserCreate = Schemas["UserCreate"];
export type UserUpdate = Schemas["UserUpdate"];
export type Location = Schemas["Location"];
export type Setting = Schemas["Setting"];
export type Workspace = Schemas["Workspace"];
/** The query of the dataservice's listUsers as its generated client types it. */
type ListUsersQuery = NonNullable<operations["listUsers"]["parameters"]["query"]>;

/** Who a call is made for: the person's user id, and the request's logger. */
export interface Caller {
  userId: string;
  log: CallLog;
}

/** The users query the dashboard passes on (`q` is the dataservice's from 2.2.0 on). */
export interface UsersQuery {
  q?: string;
  limit?: number;
  cursor?: string;
}

/** What the dashboard asks of the dataservice. */
export interface Dataservice {
  /** The user when email and password are right; undefined when they are not (401). */
  verifyPassword(log: CallLog, email: string, password: string): Promise<DataserviceUser | undefined>;
  listUsers(caller: Caller, query: UsersQuery): Promise<UserPage>;
  getUser(caller: Caller, userId: string): Promise<DataserviceUser>;
  createUser(caller: Caller, body: UserCreate): Promise<DataserviceUser>;
  updateUser(caller: Caller, userId: string, body: UserUpdate): Promise<DataserviceUser>;
  deleteUser(caller: Caller, userId: string): Promise<void>;
  /** The person's saved location; undefined when there is none. */
  getLocation(caller: Caller): Promise<Location | undefined>;
  setLocation(caller: Caller, location: Location): Promise<Location>;
  /** Forgets the person's location (nothing when there was none). */
  deleteLocation(caller: Caller): Promise<void>;
  listSettings(caller: Caller): Promise<Setting[]>;
  setSetting(caller: Caller, key: string, value: string): Promise<Setting>;
  /** Removes one of the person's settings (nothing when it was not set). */
  deleteSetting(caller: Caller, key: string): Promise<void>;
  /** Every workspace (all pages; never their tokens). */
  listWorkspaces(caller: Caller): Promise<Workspace[]>;
}

/** Where the dataservice is and how the dashboard gets its tokens. */
export interface DataserviceOptions {
  /** Its root URL (`DATASERVICE_URL`). */
  baseUrl: string;
  /** The dashboard's own token (audience `dataservice`, `users:read`): only for the password check. */
  serviceToken: ServiceToken;
  /** Tokens for the person (audience `dataservice`): every other call. */
  personTokens: PersonTokens;
  /** How long a call may take, ms. */
  timeoutMs: number;
  /** The fetch to send requests with (tests: a scripted one, or `fetchFromInject(app)`). */
  fetch?: (input: Request) => Promise<Response>;
}

/** Most workspace pages read for one list (200 each). */
const MOST_WORKSPACE_PAGES = 10;

const BAD_CREDENTIALS = "DATASERVICE_ERR_BAD_CREDENTIALS";

/**
 * The dataservice through its generated client, in JSON. Every call for a person carries a token the
 * TokenDealer issued for that person (a 401 renews it once); the password check carries the dashboard's
 * own. Refusals that are the person's (400 with its field errors, 403, 404, 409, 412) keep the
 * dataservice's status and code; the rest is 502 or 503 (see upstream-call.ts).
 */
export function createDataservice(options: DataserviceOptions): Dataservice {
  const client = createDataserviceClient({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  /** A token from `get` (the TokenDealer's), or the error a failure makes (see failedCall). */
  async function obtain(site: CallSite, log: CallLog, get: () => Promise<string>): Promise<string> {
    try {
      return await get();
    } catch (error) {
      throw failedCall({ ...site, service: "tokendealer" }, error, log);
    }
  }

  /** The person's token; a TokenDealer that issues none for this user id any more ends the login. */
  async function personToken(caller: Caller, site: CallSite): Promise<string> {
    try {
      return await options.personTokens.token(caller.userId);
    } catch (error) {
      if (error instanceof TokenRequestError && error.error === "invalid_grant") {
        caller.log.warn({ ...site }, "the TokenDealer issues no token for this person any more");
        throw ERR.NOT_LOGGED_IN({ detail: "log in again", cause: error });
      }
      throw failedCall({ ...site, service: "tokendealer" }, error, caller.log);
    }
  }

  /** One call for the person: their token, renewed once after a 401; answers the answer as it is. */
  async function asPerson<T>(
    caller: Caller,
    operation: string,
    send: (init: { headers: Record<string, string>; signal: AbortSignal }) => Promise<Answer<T>>,
  ): Promise<Answer<T>> {
    const site = { service: "dataservice", operation };
    const attempt = async () => {
      const token = await personToken(caller, site);
      const answer = await sendCall(site, (signal) => send({ headers: bearer(token), signal }), {
        timeoutMs: options.timeoutMs,
        log: caller.log,
      });
      return { token, answer };
    };
    const first = await attempt();
    if (first.answer.response.status !== 401) return first.answer;
    options.personTokens.invalidate(caller.userId, first.token);
    return (await attempt()).answer;
  }

  /** The answer's data, or the error its status makes (404 with one of `absent`'s codes: undefined). */
  function expect<T>(log: CallLog, operation: string, answer: Answer<T>, absent: string[] = []): T | undefined {
    const site = { service: "dataservice", operation };
    const code = (answer.error as { code?: unknown } | undefined)?.code;
    if (answer.response.status === 404 && typeof code === "string" && absent.includes(code)) return undefined;
    const error = refusal(site, answer.response, answer.error, log);
    if (error) throw error;
    return answer.data as T;
  }

  const me = (caller: Caller) => ({ path: { userId: caller.userId } });

  return {
    async verifyPassword(log, email, password) {
      const site = { service: "dataservice", operation: "verifyPassword" };
      const call = async () => {
        const token = await obtain(site, log, () => options.serviceToken.token());
        const answer = await sendCall(
          site,
          (signal) =>
            client.POST("/users/verify-password", { body: { email, password }, headers: bearer(token), signal }),
          { timeoutMs: options.timeoutMs, log },
        );
        return { token, answer };
      };
      let { token, answer } = await call();
      const codeOf = () => (answer.error as { code?: unknown } | undefined)?.code;
      if (answer.response.status === 401 && codeOf() !== BAD_CREDENTIALS) {
        // The dashboard's own token was refused (a key rotated): once more with a new one.
        options.serviceToken.invalidate(token);
        ({ token, answer } = await call());
      }
      const status = answer.response.status;
      if (status === 401 && codeOf() === BAD_CREDENTIALS) return undefined;
      if (status === 429) {
        const retry = answer.response.headers.get("retry-after")?.trim() ?? "";
        const seconds = /^\d{1,5}$/.test(retry) && Number(retry) >= 1 ? retry : "60";
        throw ERR.TOO_MANY_LOGINS({
          detail: `too many logins; retry in ${seconds} s`,
          headers: { "retry-after": seconds },
        });
      }
      if (status === 403) {
        // The dashboard's client lacks users:read: its set-up, not the person's doing.
        log.error({ ...site, status }, "the dataservice refused the dashboard's token");
        throw ERR.UPSTREAM({ detail: "the dataservice refused the dashboard" });
      }
      return expect(log, "verifyPassword", answer) as DataserviceUser;
    },
    async listUsers(caller, query) {
      const params: { query: ListUsersQuery } = {
        query: { limit: query.limit, cursor: query.cursor, ...(query.q ? { q: query.q } : {}) },
      };
      const answer = await asPerson(caller, "listUsers", (init) => client.GET("/users", { params, ...init }));
      return expect(caller.log, "listUsers", answer) as UserPage;
    },
    async getUser(caller, userId) {
      const answer = await asPerson(caller, "getUser", (init) =>
        client.GET("/users/{userId}", { params: { path: { userId } }, ...init }),
      );
      return expect(caller.log, "getUser", answer) as DataserviceUser;
    },
    async createUser(caller, body) {
      const answer = await asPerson(caller, "createUser", (init) => client.POST("/users", { body, ...init }));
      return expect(caller.log, "createUser", answer) as DataserviceUser;
    },
    async updateUser(caller, userId, body) {
      const answer = await asPerson(caller, "updateUser", (init) =>
        client.PATCH("/users/{userId}", { params: { path: { userId } }, body, ...init }),
      );
      return expect(caller.log, "updateUser", answer) as DataserviceUser;
    },
    async deleteUser(caller, userId) {
      const answer = await asPerson(caller, "deleteUser", (init) =>
        client.DELETE("/users/{userId}", { params: { path: { userId } }, ...init }),
      );
      expect(caller.log, "deleteUser", answer);
    },
    async getLocation(caller) {
      const answer = await asPerson(caller, "getLocation", (init) =>
        client.GET("/users/{userId}/location", { params: me(caller), ...init }),
      );
      return expect(caller.log, "getLocation", answer, ["DATASERVICE_ERR_LOCATION_NOT_FOUND"]);
    },
    async setLocation(caller, location) {
      const answer = await asPerson(caller, "setLocation", (init) =>
        client.PUT("/users/{userId}/location", { params: me(caller), body: location, ...init }),
      );
      return expect(caller.log, "setLocation", answer) as Location;
    },
    async deleteLocation(caller) {
      const answer = await asPerson(caller, "deleteLocation", (init) =>
        client.DELETE("/users/{userId}/location", { params: me(caller), ...init }),
      );
      expect(caller.log, "deleteLocation", answer, ["DATASERVICE_ERR_LOCATION_NOT_FOUND"]);
    },
    async listSettings(caller) {
      const answer = await asPerson(caller, "listSettings", (init) =>
        client.GET("/users/{userId}/settings", { params: me(caller), ...init }),
      );
      return (expect(caller.log, "listSettings", answer) as { items: Setting[] }).items;
    },
    async setSetting(caller, key, value) {
      const answer = await asPerson(caller, "setSetting", (init) =>
        client.PUT("/users/{userId}/settings/{key}", {
          params: { path: { userId: caller.userId, key } },
          body: { value },
          ...init,
        }),
      );
      return expect(caller.log, "setSetting", answer) as Setting;
    },
    async deleteSetting(caller, key) {
      const answer = await asPerson(caller, "deleteSetting", (init) =>
        client.DELETE("/users/{userId}/settings/{key}", { params: { path: { userId: caller.userId, key } }, ...init }),
      );
      expect(caller.log, "deleteSetting", answer, ["DATASERVICE_ERR_SETTING_NOT_FOUND"]);
    },
    async listWorkspaces(caller) {
      const items: Workspace[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MOST_WORKSPACE_PAGES; page++) {
        const query = { limit: 200, ...(cursor ? { cursor } : {}) };
        const answer = await asPerson(caller, "listWorkspaces", (init) =>
          client.GET("/workspaces", { params: { query }, ...init }),
        );
        const data = expect(caller.log, "listWorkspaces", answer) as { items: Workspace[]; next_cursor?: string };
        items.push(...data.items);
        cursor = data.next_cursor;
        if (!cursor) break;
      }
      return items;
    },
  };
}
