import type { GetHealthHandler } from "@jeeves/generated/handlers/dashboard";
import type { HandlerContext } from "@jeeves/service-kit";

/** Liveness: the process answers. */
export const getHealth: GetHealthHandler<HandlerContext> = () => ({
  status: 200,
  body: { status: "ok", service: "dashboard", checks: [] },
});
