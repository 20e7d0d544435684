/** The units a report is asked in: `metric` (°C, m/s) or `imperial` (°F, mph). */
export type Units = "metric" | "imperial";

/** The units when the caller names none. */
export const DEFAULT_UNITS: Units = "metric";
