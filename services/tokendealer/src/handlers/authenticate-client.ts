import type { FastifyBaseLogger } from "fastify";
import type { ClientRegistry, ClientView } from "../adapters/client-registry.ts";
import { readClientCredentials } from "../domain/client-credentials.ts";
import { invalidClient, type OAuthBadRequest, type OAuthUnauthorized, oauthBadRequest } from "./oauth-responses.ts";

/** The authenticated client, or the answer to give instead. */
export type Authentication =
  | { ok: true; client: ClientView }
  | { ok: false; response: OAuthBadRequest | OAuthUnauthorized };

/**
 * Authenticates the calling client by HTTP Basic or form fields (RFC 6749 §2.3.1). Logs why it failed
 * (the client id at most, never a secret).
 */
export async function authenticateClient(
  clients: ClientRegistry,
  authorization: string | string[] | undefined,
  form: { client_id?: string; client_secret?: string } | undefined,
  log: FastifyBaseLogger,
): Promise<Authentication> {
  const header = typeof authorization === "string" ? authorization : undefined;
  const presented = readClientCredentials(header, form ?? {});
  if (!presented.ok) {
    log.info({ reason: presented.description }, "client authentication failed");
    if (presented.error === "invalid_request") {
      return { ok: false, response: oauthBadRequest("invalid_request", presented.description) };
    }
    return { ok: false, response: invalidClient() };
  }
  const client = await clients.authenticate(presented.id, presented.secret);
  if (!client) {
    log.info({ client_id: presented.id, reason: "unknown client or wrong secret" }, "client authentication failed");
    return { ok: false, response: invalidClient() };
  }
  return { ok: true, client };
}
