/** The API's schemas the page uses, from the types generated from specs/openapi/dashboard.yaml. */
import type { components } from "@jeeves/generated/openapi/dashboard";

type Schemas = components["schemas"];
export type User = Schemas["User"];
export type UserPage = Schemas["UserPage"];
export type UserCreate = Schemas["UserCreate"];
export type UserUpdate = Schemas["UserUpdate"];
export type Session = Schemas["Session"];
export type Profile = Schemas["Profile"];
export type Location = Schemas["Location"];
export type Setting = Schemas["Setting"];
export type WorkspaceList = Schemas["WorkspaceList"];
export type ServiceList = Schemas["ServiceList"];
export type ChatReply = Schemas["ChatReply"];
/** The settings a person can set (`units`, `timezone`, `alerts`). */
export type SettingKey = "units" | "timezone" | "alerts";
