import type { SlackbotHandlers } from "@jeeves/generated/handlers/slackbot";
import { getMetrics, type HandlerContext } from "@jeeves/service-kit";
import { finishSlackInstall } from "./finish-slack-install.ts";
import { getHealth } from "./get-health.ts";
import { getReady } from "./get-ready.ts";
import { receiveSlackEvent } from "./receive-slack-event.ts";
import { sendChatMessage } from "./send-chat-message.ts";
import { startSlackInstall } from "./start-slack-install.ts";

/** The slackbot's handler table; the compiler checks it has every operation of the spec, typed. */
export const handlers: SlackbotHandlers<HandlerContext> = {
  getHealth,
  getMetrics,
  getReady,
  receiveSlackEvent,
  sendChatMessage,
  startSlackInstall,
  finishSlackInstall,
};
