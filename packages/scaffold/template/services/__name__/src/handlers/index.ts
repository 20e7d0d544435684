import type { __Name__Handlers } from "@jeeves/generated/handlers/__name__";
import { getMetrics, type HandlerContext } from "@jeeves/service-kit";
import { getGreeting } from "./get-greeting.ts";
import { getHealth } from "./get-health.ts";
import { getReady } from "./get-ready.ts";

/** The __name__ service's handler table; the compiler checks it has every operation of the spec, typed. */
export const handlers: __Name__Handlers<HandlerContext> = { getHealth, getMetrics, getReady, getGreeting };
