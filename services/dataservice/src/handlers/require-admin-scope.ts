import type { FastifyRequest } from "fastify";
import { ADMIN_SCOPE } from "../domain/admin-fields.ts";
import { ERR } from "../errors.ts";

/**
 * Throws 403 DATASERVICE_ERR_ADMIN_SCOPE_REQUIRED, with an `insufficient_scope` challenge (RFC 6750
 * §3.1), unless the request's token holds `users:admin`; `what` says what needed it.
 */
export function requireAdminScope(request: FastifyRequest, what: string): void {
  if (request.auth?.scopes.has(ADMIN_SCOPE)) return;
  throw ERR.ADMIN_SCOPE_REQUIRED({
    detail: `${what} needs the scope ${ADMIN_SCOPE}`,
    headers: {
      "www-authenticate": `Bearer realm="jeeves", error="insufficient_scope", scope="users:write ${ADMIN_SCOPE}"`,
    },
  });
}
