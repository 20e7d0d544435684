import type { components } from "@jeeves/generated/openapi/dataservice";
import type { UserRecord } from "./store.ts";

/** The API's User. */
export type User = components["schemas"]["User"];

/** A stored user as the API shows it: the location as its place, no version or secrets. */
export function userView(record: UserRecord): User {
  const { version: _version, location, ...rest } = record;
  return location ? { ...rest, location: location.place } : rest;
}
