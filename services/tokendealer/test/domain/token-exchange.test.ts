import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decideGrant } from "../../src/domain/grant.ts";
import {
  ACCESS_TOKEN_TYPE,
  decideExchange,
  TOKEN_EXCHANGE,
  USER_ID_TOKEN_TYPE,
} from "../../src/domain/token-exchange.ts";

const PERSON = "0190b8a2-7c1e-7d4a-9f3e-5b2a1c0d9e8f";
const dashboard = {
  id: "dashboard",
  scopes: ["users:read", "chat:write"],
  audiences: ["dataservice", "slackbot"],
  personScopes: { dataservice: ["users:read", "users:write", "workspaces:read"] },
};
const request = { subject_token: PERSON, subject_token_type: USER_ID_TOKEN_TYPE, audience: "dataservice" };

describe("decideExchange", () => {
  it("grants the person scopes for the audience, all by default, the asked ones when allowed", () => {
    assert.deepEqual(decideExchange(dashboard, request), {
      ok: true,
      scopes: ["users:read", "users:write", "workspaces:read"],
      audience: "dataservice",
      subject: PERSON,
    });
    const some = decideExchange(dashboard, { ...request, scope: "users:read  users:read", audience: undefined });
    assert.deepEqual(some, { ok: true, scopes: ["users:read"], audience: "dataservice", subject: PERSON });
    const typed = decideExchange(dashboard, { ...request, requested_token_type: ACCESS_TOKEN_TYPE });
    assert.equal(typed.ok, true);
  });

  it("refuses a client without person scopes (unauthorized_client) before looking at anything else", () => {
    for (const client of [
      { id: "actions", scopes: ["users:read"], audiences: ["dataservice"] },
      { id: "empty", scopes: ["users:read"], audiences: ["dataservice"], personScopes: {} },
    ]) {
      const result = decideExchange(client, {});
      assert.equal(!result.ok && result.error, "unauthorized_client", client.id);
    }
  });

  it("refuses a bad subject or subject type, an actor token, another token type (invalid_request)", () => {
    for (const bad of [
      { subject_token: undefined },
      { subject_token: "" },
      { subject_token: "not-a-uuid" },
      { subject_token: `${PERSON} ` },
      { subject_token_type: undefined },
      { subject_token_type: "urn:ietf:params:oauth:token-type:jwt" },
      { actor_token: "x" },
      { requested_token_type: "urn:ietf:params:oauth:token-type:refresh_token" },
    ]) {
      const result = decideExchange(dashboard, { ...request, ...bad });
      assert.equal(!result.ok && result.error, "invalid_request", JSON.stringify(bad));
    }
  });

  it("refuses an audience without person scopes (invalid_target), also one on the prototype, and scopes beyond them (invalid_scope)", () => {
    for (const audience of ["slackbot", "nowhere", "__proto__", "constructor"]) {
      const result = decideExchange(dashboard, { ...request, audience });
      assert.equal(!result.ok && result.error, "invalid_target", audience);
    }
    const scoped = decideExchange(dashboard, { ...request, scope: "users:read users:admin" });
    assert.equal(!scoped.ok && scoped.error, "invalid_scope");
    assert.match(!scoped.ok ? scoped.description : "", /users:admin/);
    const two = { ...dashboard, personScopes: { dataservice: ["users:read"], weather: ["weather:read"] } };
    const unnamed = decideExchange(two, { ...request, audience: undefined });
    assert.equal(!unnamed.ok && unnamed.error, "invalid_request");
  });

  it("is what decideGrant does for the token exchange grant type", () => {
    assert.deepEqual(
      decideGrant(dashboard, { ...request, grant_type: TOKEN_EXCHANGE }),
      decideExchange(dashboard, request),
    );
    const other = decideGrant(dashboard, { grant_type: "password" });
    assert.equal(!other.ok && other.error, "unsupported_grant_type");
  });
});
