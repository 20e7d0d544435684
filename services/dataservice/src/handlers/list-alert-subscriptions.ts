import type { ListAlertSubscriptionsHandler } from "@jeeves/generated/handlers/dataservice";
import type { HandlerContext } from "@jeeves/service-kit";

/** One page of the users who turned the daily alert on, with their alert time, zone, units and place. */
export const listAlertSubscriptions: ListAlertSubscriptionsHandler<HandlerContext> = async ({ query }, { app }) => {
  const { limit = 50, cursor } = query;
  const page = await app.store.alerts.listSubscriptions(limit, cursor);
  return { status: 200, body: { items: page.items, next_cursor: page.next_cursor } };
};
