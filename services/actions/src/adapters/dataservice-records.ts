import type { TokenProvider } from "@jeeves/client-kit";
import { createDataserviceClient } from "@jeeves/client-kit/clients/dataservice";
import type { Encoding } from "@jeeves/codecs";
import { localIdentity } from "../domain/local-identity.ts";
import {
  type ChatIdentity,
  RecordsRejected,
  RecordsUnavailable,
  UserGone,
  type UserRecords,
  type UserSetting,
} from "../domain/user-records.ts";

/** Where the dataservice is and how to reach it. */
export interface DataserviceRecordsOptions {
  /** Its root URL (`DATASERVICE_URL`). */
  baseUrl: string;
  /** Tokens for the audience `dataservice` with `users:read users:write` (see `createTokenProvider`). */
  auth: TokenProvider;
  /** The fetch to send requests with (tests: a failing one, or `fetchFromInject(app)`). */
  fetch?: (input: Request) => Promise<Response>;
  /** The wire encoding of bodies. Default json. */
  encoding?: Encoding;
}

/** The patterns of the dataservice's SlackIdentity (specs/openapi/dataservice.yaml). */
const SLACK_TEAM_ID = /^[TE][A-Z0-9]{2,30}$/;
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,30}$/;

/** What the person is told when their identity has no place in the dataservice. */
export const NOT_A_SLACK_USER = "I can keep settings only for Slack users and the local chat";

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

interface ProblemLike {
  title?: string;
  detail?: string;
  code?: string;
}

/** The dataservice's code for a user id it does not have. */
const USER_NOT_FOUND = "DATASERVICE_ERR_USER_NOT_FOUND";

/** What the person is told when the dataservice refuses us (401 after a fresh token, 403). */
export const RECORDS_NOT_ALLOWED = "I'm not allowed to use my records: something is wrong with my setup";

/**
 * A 4xx answer is permanent (asking again cannot help), except 408 (a timeout) and 429 (a rate limit),
 * which are worth a retry like a 5xx.
 */
function isRefusal(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** The problem's detail without the request part of its field pointer (`/body/value must …` → `value must …`). */
function problemDetail(error: unknown, status: number): string {
  if (status === 401 || status === 403) return RECORDS_NOT_ALLOWED;
  const problem = (error ?? {}) as ProblemLike;
  const detail = problem.detail ?? problem.title ?? `the records answered ${status}`;
  return detail.replace(/^\/(?:body|params|query|headers)\//, "");
}

/** The longest `Retry-After` taken into account; a longer one is cut to this. */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * A `Retry-After` header (seconds, or an HTTP date) in milliseconds from `now`, at most
 * {@link MAX_RETRY_AFTER_MS}; undefined when absent or not understood.
 */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  let ms: number;
  if (/^\d{1,9}$/.test(value)) ms = Number(value) * 1000;
  else {
    // An IMF-fixdate such as "Sat, 28 Nov 2026 08:00:07 GMT"; not any string Date.parse takes ("-1").
    const at = /^[A-Z][a-z]{2}, /.test(value) ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(at)) return undefined;
    ms = Math.max(0, at - now);
  }
  return Math.min(ms, MAX_RETRY_AFTER_MS);
}

/**
 * Sends one request and sorts out failures: no answer (network, TokenDealer), 408, 429 or 5xx →
 * RecordsUnavailable (retried, after the answer's `Retry-After` when it has one); another 4xx → RecordsRejected (answered at once) with the problem's detail
 * (for 401/403, {@link RECORDS_NOT_ALLOWED}), unless its code is in `absent` (then `undefined`: the
 * setting or location is not there); a 404 for a user that does not exist (any more) → {@link UserGone}.
 */
async function call<T>(what: string, send: () => Promise<Answer<T>>, absent: string[] = []): Promise<Answer<T>> {
  let answer: Answer<T>;
  try {
    answer = await send();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RecordsUnavailable(`dataservice ${what}: ${reason}`, { cause: error });
  }
  const status = answer.response.status;
  if (status < 400) return answer;
  const code = (answer.error as ProblemLike | undefined)?.code;
  if (status === 404 && code && absent.includes(code)) return answer;
  if (status === 404 && code === USER_NOT_FOUND) throw new UserGone(problemDetail(answer.error, status));
  if (isRefusal(status)) throw new RecordsRejected(problemDetail(answer.error, status));
  throw new RecordsUnavailable(`dataservice ${what}: answered ${status}${code ? ` ${code}` : ""}`, {
    retryAfterMs: retryAfterMs(answer.response.headers.get("retry-after")),
  });
}

/**
 * UserRecords on the dataservice through its generated client: users by Slack identity
 * (`findOrCreateSlackUser`) or by id (`getUser`, for a person of the local chat), their settings and
 * location. Local chat users are kept under a Slack-shaped
 * identity (see `localIdentity`); other identities that are not Slack ids are refused with
 * {@link NOT_A_SLACK_USER}.
 */
export function createDataserviceRecords(options: DataserviceRecordsOptions): UserRecords {
  const client = createDataserviceClient({
    baseUrl: options.baseUrl,
    auth: options.auth,
    encoding: options.encoding,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const user = (userId: string) => ({ path: { userId } });
  const setting = (userId: string, key: string) => ({ path: { userId, key } });
  return {
    async findOrCreate(identity: ChatIdentity) {
      const body =
        identity.source === "local"
          ? localIdentity(identity.user)
          : { slack_team_id: identity.team, slack_user_id: identity.user };
      if (!SLACK_TEAM_ID.test(body.slack_team_id) || !SLACK_USER_ID.test(body.slack_user_id)) {
        throw new RecordsRejected(NOT_A_SLACK_USER);
      }
      const { data } = await call("findOrCreateSlackUser", () => client.POST("/users/find-or-create", { body }));
      return data!.id;
    },
    async hasUser(userId) {
      const { response } = await call("getUser", () => client.GET("/users/{userId}", { params: user(userId) }), [
        USER_NOT_FOUND,
      ]);
      return response.status !== 404;
    },
    async listSettings(userId) {
      const { data } = await call("listSettings", () =>
        client.GET("/users/{userId}/settings", { params: user(userId) }),
      );
      return data!.items.map(({ key, value }): UserSetting => ({ key, value }));
    },
    async getSetting(userId, key) {
      const { data } = await call(
        "getSetting",
        () => client.GET("/users/{userId}/settings/{key}", { params: setting(userId, key) }),
        ["DATASERVICE_ERR_SETTING_NOT_FOUND"],
      );
      return data?.value;
    },
    async setSetting(userId, key, value) {
      await call("setSetting", () =>
        client.PUT("/users/{userId}/settings/{key}", { params: setting(userId, key), body: { value } }),
      );
    },
    async deleteSetting(userId, key) {
      const { response } = await call(
        "deleteSetting",
        () => client.DELETE("/users/{userId}/settings/{key}", { params: setting(userId, key) }),
        ["DATASERVICE_ERR_SETTING_NOT_FOUND"],
      );
      return response.status !== 404;
    },
    async getLocation(userId) {
      const { data } = await call(
        "getLocation",
        () => client.GET("/users/{userId}/location", { params: user(userId) }),
        ["DATASERVICE_ERR_LOCATION_NOT_FOUND"],
      );
      return data?.place;
    },
    async setLocation(userId, place) {
      await call("setLocation", () =>
        client.PUT("/users/{userId}/location", { params: user(userId), body: { place } }),
      );
    },
  };
}
