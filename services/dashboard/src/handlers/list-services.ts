import type { ListServicesHandler } from "@jeeves/generated/handlers/dashboard";
import type { HandlerContext } from "@jeeves/service-kit";

/** The suite's services (the manifest's) with the address of each one's docs. */
export const listServices: ListServicesHandler<HandlerContext> = (_request, { app }) => ({
  status: 200,
  body: { items: app.links.services },
});
