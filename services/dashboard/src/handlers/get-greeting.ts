import type { GetGreetingHandler } from "@jeeves/generated/handlers/dashboard";
import type { HandlerContext } from "@jeeves/service-kit";
import { greet } from "../domain/greeting.ts";

/** A greeting for `name` (`world` without one); the token's audience and scope are checked before. */
export const getGreeting: GetGreetingHandler<HandlerContext> = ({ query }) => ({
  status: 200,
  body: greet(query.name),
});
