import type { GetMetadataHandler } from "@jeeves/generated/handlers/tokendealer";
import type { HandlerContext } from "@jeeves/service-kit";
import { GRANT_TYPES } from "../domain/grant.ts";
import { SIGNING_ALGS } from "../domain/signing-alg.ts";

const AUTH_METHODS = ["client_secret_basic", "client_secret_post"];

/** Authorization server metadata (RFC 8414), built from the issuer and the client registry. */
export const getMetadata: GetMetadataHandler<HandlerContext> = async (_request, { app }) => {
  await app.clients.refresh();
  const { issuer } = app.tokenSettings;
  return {
    status: 200,
    body: {
      issuer,
      token_endpoint: `${issuer}/oauth/token`,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      introspection_endpoint: `${issuer}/oauth/introspect`,
      grant_types_supported: [...GRANT_TYPES],
      token_endpoint_auth_methods_supported: [...AUTH_METHODS],
      introspection_endpoint_auth_methods_supported: [...AUTH_METHODS],
      scopes_supported: app.clients.scopes(),
      response_types_supported: [],
      token_endpoint_auth_signing_alg_values_supported: [...SIGNING_ALGS],
    },
  };
};
