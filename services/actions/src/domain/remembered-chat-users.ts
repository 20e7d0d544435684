import { LRUCache } from "lru-cache";
import { type ChatIdentity, UserGone, type UserRecords } from "./user-records.ts";

/** How many chat identities are remembered by default (the least recently used is forgotten first). */
export const REMEMBERED_CHAT_USERS = 10_000;

function identityKey(identity: ChatIdentity): string {
  return `${identity.source}\u0000${identity.team}\u0000${identity.user}`;
}

/**
 * UserRecords that remember which user each chat identity is: `findOrCreate` asks the records once per
 * identity, and a later message of the same writer costs no call to find them again (one of the three
 * dataservice calls of `config show`). A user deleted since is noticed by the next call that names
 * them: it throws {@link UserGone}, the identities remembered for that user are forgotten, and
 * runCommand finds (or creates) the writer's user again, as it would have without the memory. At most
 * `max` identities are kept.
 */
export function rememberChatUsers(records: UserRecords, max = REMEMBERED_CHAT_USERS): UserRecords {
  const known = new LRUCache<string, string>({ max });
  const forget = (userId: string) => {
    for (const [key, id] of known.entries()) if (id === userId) known.delete(key);
  };
  /** The records' call, forgetting the user when the records say it is gone. */
  const naming =
    <Rest extends unknown[], Result>(call: (userId: string, ...rest: Rest) => Promise<Result>) =>
    async (userId: string, ...rest: Rest): Promise<Result> => {
      try {
        return await call.call(records, userId, ...rest);
      } catch (error) {
        if (error instanceof UserGone) forget(userId);
        throw error;
      }
    };
  return {
    async findOrCreate(identity) {
      const key = identityKey(identity);
      const remembered = known.get(key);
      if (remembered !== undefined) return remembered;
      const id = await records.findOrCreate(identity);
      known.set(key, id);
      return id;
    },
    async hasUser(userId) {
      const exists = await records.hasUser(userId);
      if (!exists) forget(userId);
      return exists;
    },
    listSettings: naming(records.listSettings),
    getSetting: naming(records.getSetting),
    setSetting: naming(records.setSetting),
    deleteSetting: naming(records.deleteSetting),
    getLocation: naming(records.getLocation),
    setLocation: naming(records.setLocation),
  };
}
