import type { FindOrCreateSlackUserHandler } from "@jeeves/generated/handlers/dataservice";
import type { HandlerContext } from "@jeeves/service-kit";
import { userEtag } from "../domain/etag.ts";
import { userView } from "../domain/user-view.ts";

/** The user of a Slack identity: 200 when it existed, 201 when created now. */
export const findOrCreateSlackUser: FindOrCreateSlackUserHandler<HandlerContext> = async ({ body }, { app }) => {
  const { user, created } = await app.store.users.findOrCreateBySlack(body);
  const headers: Record<string, string> = { etag: userEtag(user) };
  if (created) return { status: 201, body: userView(user), headers: { ...headers, location: `/users/${user.id}` } };
  return { status: 200, body: userView(user), headers };
};
