import { defineErrors } from "@jeeves/service-kit";

/**
 * The dashboard service's coded errors (`DASHBOARD_ERR_*`), mapped to problems by the kit's handler. None
 * yet: add one per failure the spec documents, e.g. `UNKNOWN_THING: { status: 404, title: "Unknown thing" }`,
 * thrown as `ERR.UNKNOWN_THING({ detail })`. Validation, 401, 403 and 406 are the kit's (`SERVICE_ERR_*`).
 */
export const ERR = defineErrors("DASHBOARD", {});
