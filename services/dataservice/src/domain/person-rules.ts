/**
 * What a person's token may do (specs/openapi/dataservice.yaml): a token from a token exchange speaks
 * for the person whose user id is its `sub`, and that person's own user decides, after the operation's
 * scopes. An admin (`is_admin`) may do what `users:admin` allows; anyone else only what the rule of the
 * operation lets a person do.
 */
import type { DataserviceHandlers } from "@jeeves/generated/handlers/dataservice";

/**
 * What a person who is not an admin may do with an operation: `anyone` (read users, list workspaces),
 * `own` (only on their own user: settings and location), `own-profile` (only their own user, only the
 * fields of {@link PROFILE_FIELDS}), `admins` (nothing).
 */
export type PersonRule = "anyone" | "own" | "own-profile" | "admins";

/** The fields of their own user a person who is not an admin may change. */
export const PROFILE_FIELDS: readonly string[] = ["display_name", "password"];

/** Each operation's rule for a person who is not an admin; a new operation must be given one. */
export const PERSON_RULES: Record<keyof DataserviceHandlers, PersonRule> = {
  getHealth: "anyone",
  getReady: "anyone",
  getMetrics: "anyone",
  listUsers: "anyone",
  getUser: "anyone",
  listWorkspaces: "anyone",
  updateUser: "own-profile",
  listSettings: "own",
  getSetting: "own",
  setSetting: "own",
  deleteSetting: "own",
  getLocation: "own",
  setLocation: "own",
  deleteLocation: "own",
  createUser: "admins",
  findOrCreateSlackUser: "admins",
  verifyPassword: "admins",
  deleteUser: "admins",
  getWorkspace: "admins",
  installWorkspace: "admins",
  deleteWorkspace: "admins",
  listAlertSubscriptions: "admins",
  claimAlertSend: "admins",
};

/** The person a token speaks for, as their own user says. */
export interface Person {
  id: string;
  is_admin: boolean;
}

/** What a request asks for: the user it is about (`userId` in the path) and the fields it changes. */
export interface PersonRequest {
  operationId: keyof DataserviceHandlers;
  userId?: string;
  fields?: readonly string[];
}

/**
 * Why the person may not make this request (a sentence for the 403's detail), or undefined when they
 * may: an admin may make any; anyone else as the operation's {@link PersonRule} says.
 */
export function personRefusal(person: Person, request: PersonRequest): string | undefined {
  if (person.is_admin) return undefined;
  const rule = PERSON_RULES[request.operationId];
  const own = request.userId !== undefined && request.userId === person.id;
  switch (rule) {
    case "anyone":
      return undefined;
    case "own":
      return own ? undefined : "only an admin may read or change another user's settings and location";
    case "own-profile": {
      if (!own) return "only an admin may change another user";
      const others = (request.fields ?? []).filter((field) => !PROFILE_FIELDS.includes(field));
      return others.length === 0 ? undefined : `only an admin may change ${others.join(", ")}`;
    }
    default:
      return `only an admin may call ${request.operationId}`;
  }
}
