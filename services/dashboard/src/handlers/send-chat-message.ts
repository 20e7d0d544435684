import type { SendChatMessageHandler } from "@jeeves/generated/handlers/dashboard";
import type { HandlerContext } from "@jeeves/service-kit";
import { sessionOf } from "../hooks/session-guard.ts";

/** Sends the person's message to Jeeves through the slackbot's local chat; Jeeves's reply (504 when none came). */
export const sendChatMessage: SendChatMessageHandler<HandlerContext> = async ({ body }, { request, app }) => ({
  status: 200,
  body: await app.chat.send(request.log, sessionOf(request).userId, body.text),
});
