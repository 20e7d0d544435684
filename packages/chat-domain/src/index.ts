export { LOCAL_TEAM_ID } from "./local-chat.ts";
export { ALERTS_KEY, isUnits, TIMEZONE_KEY, UNITS, UNITS_KEY, unitsOf } from "./settings.ts";
export { formatTimeOfDay, parseTimeOfDay } from "./time-of-day.ts";
export { DEFAULT_TIME_ZONE, isTimeZone } from "./time-zone.ts";
