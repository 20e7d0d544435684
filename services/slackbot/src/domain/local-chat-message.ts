import type { ChatMessage } from "@jeeves/bus";

/** Who a `POST /chat` request was sent with: the token's client, and the person of a person's token. */
export interface LocalCaller {
  /** The client the token was issued to (for a person's token, the client that acts for them). */
  clientId: string;
  /** The person's dataservice user id, for a person's token (token exchange); undefined for a service's token. */
  person?: string;
}

/** What `POST /chat` takes from its body. */
export interface LocalChatRequest {
  text: string;
  user?: string;
  conversation?: string;
}

/** A person's token named another user in the body: a person speaks only as themselves. */
export class NotYourUser extends Error {
  constructor() {
    super("a person's token speaks only as that person: leave user out, or give the token's person");
    this.name = "NotYourUser";
  }
}

/**
 * The ChatMessage the local chat publishes on `chat.message.local` (source and team `local`). With a
 * person's token the person speaks: `person` and `user` are the token's person (a body `user` must be
 * that person, compared without case as user ids are UUIDs; else {@link NotYourUser}), the default
 * conversation `local-<person>`. With a service's token the body's `user` speaks, or the client, and
 * `person` is never set: nothing in a body can make a message a person's.
 */
export function toLocalChatMessage(
  caller: LocalCaller | undefined,
  body: LocalChatRequest,
  fields: { messageId: string; time: string },
): ChatMessage {
  const person = caller?.person;
  if (person !== undefined && body.user !== undefined && body.user.toLowerCase() !== person.toLowerCase()) {
    throw new NotYourUser();
  }
  const user = person ?? body.user ?? caller?.clientId ?? "local";
  return {
    message_id: fields.messageId,
    source: "local",
    team: "local",
    channel: body.conversation ?? `local-${user}`,
    user,
    text: body.text,
    time: fields.time,
    ...(person !== undefined ? { person } : {}),
  };
}
