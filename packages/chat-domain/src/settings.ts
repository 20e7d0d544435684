import type { components } from "@jeeves/generated/openapi/weather";

/** The weather service's units (its spec's `Units`): what the `units` setting holds. */
type Units = components["schemas"]["Units"];

/** The setting with the daily alert's time (`HH:MM`); the alert is on while it is set. */
export const ALERTS_KEY = "alerts";
/** The setting with the user's time zone (an IANA name); `DEFAULT_TIME_ZONE` (UTC) when unset. */
export const TIMEZONE_KEY = "timezone";
/** The setting with the units of the weather (`metric` or `imperial`); metric when unset. */
export const UNITS_KEY = "units";

/** Each unit of the weather spec's `Units`: a unit added to or dropped from the spec fails the typecheck here. */
const UNIT_SET: Record<Units, true> = { metric: true, imperial: true };

/** Every value of the weather spec's `Units`. */
export const UNITS = Object.keys(UNIT_SET) as readonly Units[];

/** The units of a user who set none. */
const UNITS_WHEN_UNSET: Units = "metric";

/** Whether `value` is one of the weather's units, exactly as the spec writes it. */
export function isUnits(value: string): value is Units {
  return Object.hasOwn(UNIT_SET, value);
}

/** The units a `units` setting asks for (case and spaces aside); metric when unset or not a unit. */
export function unitsOf(setting: string | undefined): Units {
  const value = setting?.trim().toLowerCase();
  return value !== undefined && isUnits(value) ? value : UNITS_WHEN_UNSET;
}
