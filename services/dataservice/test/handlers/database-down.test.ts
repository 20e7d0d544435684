import assert from "node:assert/strict";
import { test } from "node:test";
import { spec } from "@jeeves/generated/specs/dataservice";
import { simulateDatabaseDown } from "../../testing/index.ts";
import { authHeader, build } from "../helper.ts";

const USER = "0190b8a2-7c1e-7d4a-9f3e-5b2a1c0d9e8f";

/** One request per operation that reads or writes the database (valid, so only the store can fail it). */
const REQUESTS: {
  operation: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  body?: object;
}[] = [
  { operation: "listUsers", method: "GET", url: "/users" },
  { operation: "createUser", method: "POST", url: "/users", body: { display_name: "Bingo Little" } },
  {
    operation: "findOrCreateSlackUser",
    method: "POST",
    url: "/users/find-or-create",
    body: { slack_team_id: "T0123ABCD", slack_user_id: "U0456EFGH" },
  },
  {
    operation: "verifyPassword",
    method: "POST",
    url: "/users/verify-password",
    body: { email: "bertie@example.com", password: "what-ho-jeeves" },
  },
  { operation: "getUser", method: "GET", url: `/users/${USER}` },
  { operation: "updateUser", method: "PATCH", url: `/users/${USER}`, body: { display_name: "Gussie" } },
  { operation: "deleteUser", method: "DELETE", url: `/users/${USER}` },
  { operation: "listSettings", method: "GET", url: `/users/${USER}/settings` },
  { operation: "getSetting", method: "GET", url: `/users/${USER}/settings/units` },
  { operation: "setSetting", method: "PUT", url: `/users/${USER}/settings/units`, body: { value: "metric" } },
  { operation: "deleteSetting", method: "DELETE", url: `/users/${USER}/settings/units` },
  { operation: "getLocation", method: "GET", url: `/users/${USER}/location` },
  { operation: "setLocation", method: "PUT", url: `/users/${USER}/location`, body: { place: "London" } },
  { operation: "deleteLocation", method: "DELETE", url: `/users/${USER}/location` },
  { operation: "listWorkspaces", method: "GET", url: "/workspaces" },
  { operation: "getWorkspace", method: "GET", url: "/workspaces/T0123ABCD" },
  {
    operation: "installWorkspace",
    method: "PUT",
    url: "/workspaces/T0123ABCD",
    body: { team_name: "Drones Club", bot_user_id: "U0BOT0001", bot_token: "xoxb-test", scopes: ["chat:write"] },
  },
  { operation: "deleteWorkspace", method: "DELETE", url: "/workspaces/T0123ABCD" },
  { operation: "listAlertSubscriptions", method: "GET", url: "/alert-subscriptions" },
  {
    operation: "claimAlertSend",
    method: "POST",
    url: "/alert-sends",
    body: { user_id: USER, local_date: "2030-01-01" },
  },
  { operation: "getReady", method: "GET", url: "/ready" },
];

test("the requests below cover every operation whose spec lists a 503", () => {
  const paths = spec.paths as unknown as Record<string, Record<string, { operationId?: string; responses?: object }>>;
  const with503 = Object.values(paths)
    .flatMap((item) => Object.values(item))
    .filter((operation) => operation.operationId && operation.responses && "503" in operation.responses)
    .map((operation) => operation.operationId);
  assert.deepEqual(REQUESTS.map((r) => r.operation).sort(), with503.sort());
});

test("while the database cannot be reached every operation that uses it answers 503 DATABASE_DOWN with Retry-After; then it recovers", async (t) => {
  const app = await build(t);
  const undo = simulateDatabaseDown(app);
  for (const request of REQUESTS) {
    const res = await app.inject({
      method: request.method,
      url: request.url,
      headers: { ...authHeader(app), accept: "application/json" },
      ...(request.body ? { payload: request.body } : {}),
    });
    assert.equal(res.statusCode, 503, `${request.operation}: ${res.body}`);
    assert.equal(res.headers["content-type"], "application/problem+json", request.operation);
    assert.equal(res.headers["retry-after"], "5", request.operation);
    const problem = res.json();
    assert.equal(problem.code, "DATASERVICE_ERR_DATABASE_DOWN", request.operation);
    assert.equal(problem.detail, undefined, `${request.operation}: a 5xx keeps its details in the log`);
  }
  // A request the store never sees is still refused as before (4xx, not 503).
  const invalid = await app.inject({ method: "POST", url: "/users", headers: authHeader(app), payload: {} });
  assert.equal(invalid.statusCode, 400);
  undo();
  assert.equal((await app.inject({ method: "GET", url: "/ready" })).statusCode, 200);
  const created = await app.inject({
    method: "POST",
    url: "/users",
    headers: { ...authHeader(app), accept: "application/json" },
    payload: { display_name: "Bingo Little" },
  });
  assert.equal(created.statusCode, 201);
});
