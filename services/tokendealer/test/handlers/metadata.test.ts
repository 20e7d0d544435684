import assert from "node:assert/strict";
import { test } from "node:test";
import { AUDIENCES, SCOPES } from "../../src/domain/suite-names.ts";
import { addClient, build, ISSUER } from "../helper.ts";

test("getMetadata answers RFC 8414 metadata built from the issuer and the registry", async (t) => {
  const app = await build(t);
  const res = await app.inject({ method: "GET", url: "/.well-known/oauth-authorization-server" });
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), {
    issuer: ISSUER,
    token_endpoint: `${ISSUER}/oauth/token`,
    jwks_uri: `${ISSUER}/.well-known/jwks.json`,
    introspection_endpoint: `${ISSUER}/oauth/introspect`,
    grant_types_supported: ["client_credentials", "urn:ietf:params:oauth:grant-type:token-exchange"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    introspection_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    scopes_supported: [...SCOPES],
    response_types_supported: [],
    token_endpoint_auth_signing_alg_values_supported: ["RS256", "ES256", "RS512"],
  });
  await addClient(app, "extra", ["reports:read"], [AUDIENCES[0]]);
  const after = await app.inject({ method: "GET", url: "/.well-known/oauth-authorization-server" });
  assert.deepEqual(after.json().scopes_supported, [...SCOPES, "reports:read"]);
});
