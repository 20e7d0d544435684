import { defineErrors } from "@jeeves/service-kit";

/** The dataservice's coded errors (`DATASERVICE_ERR_*`), mapped to problems by the kit's handler. */
export const ERR = defineErrors("DATASERVICE", {
  USER_NOT_FOUND: { status: 404, title: "User not found" },
  SETTING_NOT_FOUND: { status: 404, title: "Setting not found" },
  LOCATION_NOT_FOUND: { status: 404, title: "Location not found" },
  WORKSPACE_NOT_FOUND: { status: 404, title: "Workspace not found" },
  DUPLICATE_EMAIL: { status: 409, title: "Email already in use" },
  DUPLICATE_SLACK_IDENTITY: { status: 409, title: "Slack identity already in use" },
  ALERT_ALREADY_CLAIMED: { status: 409, title: "Alert already claimed" },
  STALE: { status: 412, title: "Precondition Failed" },
  BAD_CREDENTIALS: { status: 401, title: "Unauthorized" },
  ADMIN_SCOPE_REQUIRED: { status: 403, title: "Forbidden" },
  /** A person's token asks for what only an admin may do. */
  ADMIN_REQUIRED: { status: 403, title: "Forbidden" },
  /** A person's token speaks for a user that no longer exists. */
  PERSON_NOT_FOUND: { status: 403, title: "Forbidden" },
  BAD_CURSOR: { status: 400, title: "Bad cursor" },
  DATABASE_DOWN: { status: 503, title: "Service Unavailable" },
});
