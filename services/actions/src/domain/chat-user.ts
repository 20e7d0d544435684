import type { ChatIdentity, UserRecords } from "./user-records.ts";

/** The answer to a person whose dataservice user no longer exists (their account was deleted). */
export const ACCOUNT_GONE_REPLY =
  "Sorry, I can't find your account any more: it may have been deleted. Ask an administrator if it should still be there.";

/**
 * The id of the user a message's writer is, in the records: for a person (the local chat with their own
 * token) their own user, which must still exist (undefined when it does not: {@link ACCOUNT_GONE_REPLY};
 * never created again, since 404 is permanent); for anyone else the user of their chat identity, found or
 * created. The records' failures are thrown as they are.
 */
export async function chatUserOf(identity: ChatIdentity, records: UserRecords): Promise<string | undefined> {
  if (identity.person !== undefined) {
    return (await records.hasUser(identity.person)) ? identity.person : undefined;
  }
  return records.findOrCreate(identity);
}
