import type { GetReadyHandler } from "@jeeves/generated/handlers/actions";
import type { HandlerContext } from "@jeeves/service-kit";
import { ERR } from "../errors.ts";

/** Readiness: the chat messages are being consumed from the bus. */
export const getReady: GetReadyHandler<HandlerContext> = (_request, { app }) => {
  if (!app.chatConsumer.subscribed) {
    throw ERR.NOT_CONSUMING({ detail: "not subscribed to the chat messages", headers: { "retry-after": "5" } });
  }
  return { status: 200, body: { status: "ok", service: "actions", checks: [{ name: "bus", status: "ok" }] } };
};
