import type { FastifyRequest } from "fastify";
import { ADMIN_SCOPE } from "../domain/admin-fields.ts";
import { ERR } from "../errors.ts";
import { checkedPerson } from "./person-gate.ts";

/**
 * Throws 403 DATASERVICE_ERR_ADMIN_SCOPE_REQUIRED, with an `insufficient_scope` challenge (RFC 6750
 * §3.1), unless the request's token holds `users:admin`; `what` says what needed it. A person's token
 * is not judged by its scopes here: the person rules (person-gate.ts) decided before the handler ran
 * (an admin may, anyone else only their own display name and password), and a person's request they
 * did not check is refused.
 */
export function requireAdminScope(request: FastifyRequest, what: string): void {
  if (request.auth?.scopes.has(ADMIN_SCOPE)) return;
  if (request.auth?.person !== undefined) {
    if (checkedPerson(request)) return;
    throw ERR.ADMIN_REQUIRED({ detail: `${what} is for admins only` });
  }
  throw ERR.ADMIN_SCOPE_REQUIRED({
    detail: `${what} needs the scope ${ADMIN_SCOPE}`,
    headers: {
      "www-authenticate": `Bearer realm="jeeves", error="insufficient_scope", scope="users:write ${ADMIN_SCOPE}"`,
    },
  });
}
