import { randomUUID } from "node:crypto";
import type { SendChatMessageHandler } from "@jeeves/generated/handlers/slackbot";
import type { HandlerContext } from "@jeeves/service-kit";
import { LocalChatError } from "../adapters/local-chat.ts";
import { NotYourUser, toLocalChatMessage } from "../domain/local-chat-message.ts";
import { ERR } from "../errors.ts";

/**
 * The local chat: publishes the message on `chat.message.local` (as the token's person for a person's
 * token, 403 when the body names someone else) and answers Jeeves's reply, or 504 when none came within
 * the configured time.
 */
export const sendChatMessage: SendChatMessageHandler<HandlerContext> = async ({ body }, { app, request }) => {
  const { localChat } = app;
  let message: ReturnType<typeof toLocalChatMessage>;
  try {
    message = toLocalChatMessage(request.auth, body, {
      messageId: randomUUID(),
      time: new Date(localChat.now()).toISOString(),
    });
  } catch (error) {
    if (error instanceof NotYourUser) throw ERR.USER_NOT_YOURS({ detail: error.message });
    throw error;
  }
  try {
    const reply = await localChat.ask(message, localChat.timeoutMs);
    return { status: 200, body: { reply_to: reply.reply_to, text: reply.text, time: reply.time } };
  } catch (error) {
    if (!(error instanceof LocalChatError)) throw error;
    if (error.reason === "timeout") {
      throw ERR.NO_REPLY({ detail: `no reply within ${localChat.timeoutMs} ms`, cause: error });
    }
    throw ERR.BUS_DOWN({ detail: "the message could not be put on the bus", cause: error });
  }
};
