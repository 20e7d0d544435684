import type { GetReadyHandler } from "@jeeves/generated/handlers/scheduler";
import type { HandlerContext } from "@jeeves/service-kit";
import { ERR } from "../errors.ts";

/** Readiness: the alert clock is running. */
export const getReady: GetReadyHandler<HandlerContext> = (_request, { app }) => {
  if (!app.alertClock.running) {
    throw ERR.NOT_RUNNING({ detail: "the alert clock is not running", headers: { "retry-after": "5" } });
  }
  return { status: 200, body: { status: "ok", service: "scheduler", checks: [{ name: "clock", status: "ok" }] } };
};
