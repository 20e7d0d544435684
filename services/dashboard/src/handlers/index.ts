import type { DashboardHandlers } from "@jeeves/generated/handlers/dashboard";
import type { HandlerContext } from "@jeeves/service-kit";
import { getGreeting } from "./get-greeting.ts";
import { getHealth } from "./get-health.ts";
import { getReady } from "./get-ready.ts";

/** The dashboard service's handler table; the compiler checks it has every operation of the spec, typed. */
export const handlers: DashboardHandlers<HandlerContext> = { getHealth, getReady, getGreeting };
