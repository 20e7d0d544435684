import { randomUUID } from "node:crypto";
import type { ChatMessage } from "@jeeves/bus";
import type { SendChatMessageHandler } from "@jeeves/generated/handlers/slackbot";
import type { HandlerContext } from "@jeeves/service-kit";
import { LocalChatError } from "../adapters/local-chat.ts";
import { ERR } from "../errors.ts";

/**
 * The local chat: publishes the message on `chat.message.local` and answers Jeeves's reply, or 504
 * when none came within the configured time.
 */
export const sendChatMessage: SendChatMessageHandler<HandlerContext> = async ({ body }, { app, request }) => {
  const user = body.user ?? request.auth?.clientId ?? "local";
  const message: ChatMessage = {
    message_id: randomUUID(),
    source: "local",
    team: "local",
    channel: body.conversation ?? `local-${user}`,
    user,
    text: body.text,
    time: new Date(app.localChat.now()).toISOString(),
  };
  const { localChat } = app;
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
