import { defineErrors } from "@jeeves/service-kit";

/** The slackbot's coded errors (`SLACKBOT_ERR_*`), mapped to problems by the kit's handler. */
export const ERR = defineErrors("SLACKBOT", {
  BAD_SIGNATURE: { status: 401, title: "Bad Slack signature" },
  INVALID_EVENT: { status: 400, title: "Invalid Slack event" },
  BODY_TOO_LARGE: { status: 413, title: "Content Too Large" },
  BUS_DOWN: { status: 503, title: "Service Unavailable" },
  EVENT_IN_PROGRESS: { status: 503, title: "Service Unavailable" },
  NOT_READY: { status: 503, title: "Service Unavailable" },
  NO_REPLY: { status: 504, title: "Gateway Timeout" },
  USER_NOT_YOURS: { status: 403, title: "Not your user" },
  INSTALL_NOT_CONFIGURED: { status: 503, title: "Slack install is not configured" },
  BAD_INSTALL_STATE: { status: 400, title: "Bad install state" },
  INSTALL_CANCELLED: { status: 400, title: "Install cancelled" },
  INSTALL_REFUSED: { status: 400, title: "Install refused by Slack" },
  INSTALL_FAILED: { status: 502, title: "Slack install failed" },
});
