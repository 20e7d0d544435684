import type { SchedulerHandlers } from "@jeeves/generated/handlers/scheduler";
import { getMetrics, type HandlerContext } from "@jeeves/service-kit";
import { getHealth } from "./get-health.ts";
import { getReady } from "./get-ready.ts";

/** The scheduler's handler table; the compiler checks it has every operation of the spec, typed. */
export const handlers: SchedulerHandlers<HandlerContext> = { getHealth, getMetrics, getReady };
