import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decideGrant } from "../../src/domain/grant.ts";

const client = { id: "svc", scopes: ["users:read", "users:write"], audiences: ["dataservice", "weather"] };
const single = { ...client, audiences: ["dataservice"] };
const cc = "client_credentials";

describe("decideGrant", () => {
  it("requires grant_type client_credentials", () => {
    assert.deepEqual(decideGrant(client, { audience: "weather" }), {
      ok: false,
      error: "invalid_request",
      description: "grant_type is required",
    });
    const other = decideGrant(client, { grant_type: "password", audience: "weather" });
    assert.equal(!other.ok && other.error, "unsupported_grant_type");
  });

  it("grants the requested scopes when allowed, all of the client's by default", () => {
    assert.deepEqual(decideGrant(client, { grant_type: cc, scope: "users:read", audience: "weather" }), {
      ok: true,
      scopes: ["users:read"],
      audience: "weather",
    });
    assert.deepEqual(decideGrant(client, { grant_type: cc, audience: "weather" }), {
      ok: true,
      scopes: ["users:read", "users:write"],
      audience: "weather",
    });
    const blank = decideGrant(client, { grant_type: cc, scope: "  ", audience: "weather" });
    assert.deepEqual(blank.ok && blank.scopes, ["users:read", "users:write"]);
    const repeated = decideGrant(client, { grant_type: cc, scope: "users:read  users:read", audience: "weather" });
    assert.deepEqual(repeated.ok && repeated.scopes, ["users:read"]);
  });

  it("refuses a scope the client may not have with invalid_scope, naming it", () => {
    const result = decideGrant(client, { grant_type: cc, scope: "users:read chat:write", audience: "weather" });
    assert.equal(!result.ok && result.error, "invalid_scope");
    assert.match(!result.ok ? result.description : "", /chat:write/);
  });

  it("refuses an audience the client may not use with invalid_target (RFC 8707)", () => {
    const result = decideGrant(client, { grant_type: cc, audience: "slackbot" });
    assert.equal(!result.ok && result.error, "invalid_target");
  });

  it("defaults the audience to the client's only one, else asks for it", () => {
    assert.deepEqual(decideGrant(single, { grant_type: cc }), {
      ok: true,
      scopes: ["users:read", "users:write"],
      audience: "dataservice",
    });
    const result = decideGrant(client, { grant_type: cc });
    assert.equal(!result.ok && result.error, "invalid_request");
    assert.match(!result.ok ? result.description : "", /audience is required: one of dataservice, weather/);
  });
});
