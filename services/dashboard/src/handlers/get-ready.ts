import type { GetReadyHandler } from "@jeeves/generated/handlers/dashboard";
import type { HandlerContext } from "@jeeves/service-kit";

/** Readiness: nothing to wait for (add a check per dependency the service cannot answer without). */
export const getReady: GetReadyHandler<HandlerContext> = () => ({
  status: 200,
  body: { status: "ok", service: "dashboard", checks: [] },
});
