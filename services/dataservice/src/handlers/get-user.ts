import type { GetUserHandler } from "@jeeves/generated/handlers/dataservice";
import { type HandlerContext, noneMatchHits } from "@jeeves/service-kit";
import { userEtag } from "../domain/etag.ts";
import { userView } from "../domain/user-view.ts";
import { loadUser } from "./load-user.ts";

/** One user with its ETag; 304 when If-None-Match holds it. */
export const getUser: GetUserHandler<HandlerContext> = async ({ params, headers }, { app }) => {
  const user = await loadUser(app.store, params.userId);
  const etag = userEtag(user);
  if (noneMatchHits(headers["if-none-match"], etag)) return { status: 304, headers: { etag } };
  return { status: 200, body: userView(user), headers: { etag } };
};
