import type { DataserviceHandlers } from "@jeeves/generated/handlers/dataservice";
import type { FastifyRequest } from "fastify";
import { type Person, personRefusal } from "../domain/person-rules.ts";
import type { Store } from "../domain/store.ts";
import { ERR } from "../errors.ts";

/** The person each request with a person's token was checked for (by `checkPerson`). */
const checked = new WeakMap<FastifyRequest, Person>();

/** The changed fields of a body: its keys whose values are set. */
function changedFields(body: unknown): string[] {
  if (typeof body !== "object" || body === null) return [];
  return Object.entries(body)
    .filter(([, value]) => value !== undefined)
    .map(([field]) => field);
}

/**
 * Runs before every handler (handlers/index.ts). For a person's token (`request.auth.person`) it reads
 * the person's user, now (so a demoted admin loses the power at once): 403
 * `DATASERVICE_ERR_PERSON_NOT_FOUND` when it no longer exists, 403 `DATASERVICE_ERR_ADMIN_REQUIRED` when
 * the person may not make this request (domain/person-rules.ts). A service's token passes untouched.
 */
export async function checkPerson(
  store: Store,
  request: FastifyRequest,
  operationId: keyof DataserviceHandlers,
  input: { params?: unknown; body?: unknown },
): Promise<void> {
  const id = request.auth?.person;
  if (id === undefined) return;
  const user = await store.users.get(id);
  if (!user) throw ERR.PERSON_NOT_FOUND({ detail: "the person this token speaks for is no longer a user" });
  const person: Person = { id: user.id, is_admin: user.is_admin };
  const userId = (input.params as { userId?: unknown } | undefined)?.userId;
  const reason = personRefusal(person, {
    operationId,
    userId: typeof userId === "string" ? userId : undefined,
    fields: operationId === "updateUser" ? changedFields(input.body) : undefined,
  });
  if (reason) throw ERR.ADMIN_REQUIRED({ detail: reason });
  checked.set(request, person);
}

/** The person `checkPerson` let make this request; undefined for a service's token or an unchecked one. */
export function checkedPerson(request: FastifyRequest): Person | undefined {
  return checked.get(request);
}
