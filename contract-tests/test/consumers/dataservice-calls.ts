import type { JeevesClient } from "@jeeves/client-kit";
import type { paths } from "@jeeves/generated/openapi/dataservice";

/** A client of the dataservice as consumers build it. */
export type DataserviceClient = JeevesClient<paths>;

/** What an openapi-fetch call answers, as far as the tests look. */
export interface CallResult {
  response: Response;
  data?: unknown;
  error?: unknown;
}

/** One call a consumer makes to the dataservice, written exactly as the consumer writes it (typed). */
export interface ConsumerCall {
  /** What the consumer does. */
  name: string;
  /** The operation it calls, to find the answer's schema and example. */
  operationId: string;
  /** The body the consumer writes, if any: the mock must see exactly this. */
  body?: unknown;
  call(client: DataserviceClient): Promise<CallResult>;
}

const USER_ID = "0190b8a2-7c1e-7d4a-9f3e-5b2a1c0d9e8f";
const TEAM_ID = "T0123ABCD";
const FIND_OR_CREATE = { slack_team_id: TEAM_ID, slack_user_id: "U0456EFGH", display_name: "bertie" };
const SETTING = { value: "metric" };
const LOCATION = { place: "Paris", lat: 48.8566, lon: 2.3522 };

/**
 * The calls the bot makes to the dataservice (actions: find-or-create the user of every message, read
 * it, `config set`, `set location`; slackbot: the workspace with its bot token; the scheduler: pages
 * of users). Each must be answered 2xx by the dataservice's mock, which validates it against the spec.
 */
export const DATASERVICE_CALLS: ConsumerCall[] = [
  {
    name: "find or create the user of a Slack message",
    operationId: "findOrCreateSlackUser",
    body: FIND_OR_CREATE,
    call: (client) => client.POST("/users/find-or-create", { body: FIND_OR_CREATE }),
  },
  {
    name: "get a user",
    operationId: "getUser",
    call: (client) => client.GET("/users/{userId}", { params: { path: { userId: USER_ID } } }),
  },
  {
    name: "set a setting (config set units metric)",
    operationId: "setSetting",
    body: SETTING,
    call: (client) =>
      client.PUT("/users/{userId}/settings/{key}", {
        params: { path: { userId: USER_ID, key: "units" } },
        body: SETTING,
      }),
  },
  {
    name: "set the user's location",
    operationId: "setLocation",
    body: LOCATION,
    call: (client) => client.PUT("/users/{userId}/location", { params: { path: { userId: USER_ID } }, body: LOCATION }),
  },
  {
    name: "get a workspace with its bot token",
    operationId: "getWorkspace",
    call: (client) =>
      client.GET("/workspaces/{teamId}", {
        params: { path: { teamId: TEAM_ID }, query: { include_secrets: true } },
      }),
  },
  {
    name: "list users, next page by cursor",
    operationId: "listUsers",
    call: (client) => client.GET("/users", { params: { query: { limit: 50, cursor: "MDE5MGI4YTItN2MxZQ" } } }),
  },
];

/** A call that breaks the spec, sent through the same typed client by casting the types away. */
export interface BrokenCall {
  name: string;
  /** A piece of the message of Prism's refusal (`sl-violations`). */
  violation: string;
  call(client: DataserviceClient): Promise<CallResult>;
}

/**
 * Negative controls: each breaks the dataservice's spec in a way the client kit does not repair, so the
 * mock must refuse it (4xx) in every encoding; if it did not, the 2xx of DATASERVICE_CALLS would prove
 * nothing.
 */
export const BROKEN_CALLS: BrokenCall[] = [
  {
    name: "find-or-create without the required slack_user_id",
    violation: "required property 'slack_user_id'",
    call: (client) =>
      client.POST("/users/find-or-create", {
        body: { slack_team_id: TEAM_ID } as unknown as { slack_team_id: string; slack_user_id: string },
      }),
  },
  {
    name: "find-or-create with a Slack team id breaking its pattern",
    violation: "must match pattern",
    call: (client) =>
      client.POST("/users/find-or-create", { body: { slack_team_id: "drones", slack_user_id: "U0456EFGH" } }),
  },
  {
    name: "set a setting whose value is longer than the spec allows",
    violation: "must NOT have more than 1000 characters",
    call: (client) =>
      client.PUT("/users/{userId}/settings/{key}", {
        params: { path: { userId: USER_ID, key: "units" } },
        body: { value: "m".repeat(1001) },
      }),
  },
  {
    name: "get a user by an id that is not a uuid",
    violation: 'must match format "uuid"',
    call: (client) => client.GET("/users/{userId}", { params: { path: { userId: "bertie" } } }),
  },
  {
    name: "list users with a limit above the maximum",
    violation: "must be <= 200",
    call: (client) => client.GET("/users", { params: { query: { limit: 500 } } }),
  },
];

/**
 * A consumer's misspelled property (`dispaly_name`) in a body built in a variable: the type check lets
 * it through (no excess-property check on a variable), so only the client kit can refuse it.
 */
export const MISSPELLED_CALL = {
  name: "find or create the user of a Slack message, display_name misspelled",
  property: "dispaly_name",
  call: (client: DataserviceClient): Promise<CallResult> => {
    const body = { slack_team_id: TEAM_ID, slack_user_id: "U0456EFGH", dispaly_name: "bertie" };
    return client.POST("/users/find-or-create", { body });
  },
};
