import { defineErrors } from "@jeeves/service-kit";

/** The actions service's coded errors (`ACTIONS_ERR_*`), mapped to problems by the kit's handler. */
export const ERR = defineErrors("ACTIONS", {
  NOT_CONSUMING: { status: 503, title: "Service Unavailable" },
});
