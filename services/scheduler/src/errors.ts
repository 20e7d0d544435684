import { defineErrors } from "@jeeves/service-kit";

/** The scheduler's coded errors (`SCHEDULER_ERR_*`), mapped to problems by the kit's handler. */
export const ERR = defineErrors("SCHEDULER", {
  NOT_RUNNING: { status: 503, title: "Service Unavailable" },
});
