import { defineErrors } from "@jeeves/service-kit";

/** The weather service's coded errors (`WEATHER_ERR_*`), mapped to problems by the kit's handler. */
export const ERR = defineErrors("WEATHER", {
  UNKNOWN_PLACE: { status: 404, title: "Unknown place" },
  UPSTREAM: { status: 503, title: "Weather unavailable" },
});
