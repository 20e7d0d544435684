import type { Store, UserRecord } from "../domain/store.ts";
import { ERR } from "../errors.ts";

/** The user with this id, or a 404 problem. */
export async function loadUser(store: Store, id: string): Promise<UserRecord> {
  const user = await store.users.get(id);
  if (!user) throw ERR.USER_NOT_FOUND({ detail: `no user ${id}` });
  return user;
}
