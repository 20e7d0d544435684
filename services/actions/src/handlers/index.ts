import type { ActionsHandlers } from "@jeeves/generated/handlers/actions";
import { getMetrics, type HandlerContext } from "@jeeves/service-kit";
import { getHealth } from "./get-health.ts";
import { getReady } from "./get-ready.ts";

/** The actions service's handler table; the compiler checks it has every operation of the spec, typed. */
export const handlers: ActionsHandlers<HandlerContext> = { getHealth, getMetrics, getReady };
