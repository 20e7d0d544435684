import type { components } from "@jeeves/generated/openapi/weather";

/** The units a report is asked in (the spec's `Units`): `metric` (°C, m/s) or `imperial` (°F, mph). */
export type Units = components["schemas"]["Units"];

/** The units when the caller names none. */
export const DEFAULT_UNITS: Units = "metric";
