import type { ListUsersHandler } from "@jeeves/generated/handlers/dataservice";
import type { HandlerContext } from "@jeeves/service-kit";
import { userView } from "../domain/user-view.ts";

/** One page of users, oldest first, filtered by email, Slack identity and a text search (`q`). */
export const listUsers: ListUsersHandler<HandlerContext> = async ({ query }, { app }) => {
  const { limit = 50, cursor, email, slack_team_id, slack_user_id, q } = query;
  const page = await app.store.users.list({ email, slack_team_id, slack_user_id, q }, limit, cursor);
  return { status: 200, body: { items: page.items.map(userView), next_cursor: page.next_cursor } };
};
