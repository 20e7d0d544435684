import { createHash } from "node:crypto";
import { LOCAL_TEAM_ID } from "@jeeves/chat-domain";

/**
 * The Slack-shaped identity a local chat user is kept under, since the dataservice finds users by Slack
 * identity only: team `TLOCAL` and `UL` + 20 hex digits of the name's SHA-256 (stable, the same name is
 * the same person; Slack's own ids are shorter and never start with `UL` followed by hex only by chance
 * in practice). The name itself becomes the display name.
 */
export function localIdentity(user: string): { slack_team_id: string; slack_user_id: string; display_name: string } {
  const digest = createHash("sha256").update(user, "utf8").digest("hex").slice(0, 20).toUpperCase();
  return { slack_team_id: LOCAL_TEAM_ID, slack_user_id: `UL${digest}`, display_name: user.slice(0, 200) || "local" };
}
