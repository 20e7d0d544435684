import type { ClaimAlertSendHandler } from "@jeeves/generated/handlers/dataservice";
import type { HandlerContext } from "@jeeves/service-kit";
import { AlreadyClaimedError } from "../domain/store.ts";
import { ERR } from "../errors.ts";

/** Claims a user's alert for one local date: 201 for the first claim, 409 for every later one. */
export const claimAlertSend: ClaimAlertSendHandler<HandlerContext> = async ({ body }, { app }) => {
  let claim: Awaited<ReturnType<typeof app.store.alerts.claimSend>>;
  try {
    claim = await app.store.alerts.claimSend(body.user_id, body.local_date);
  } catch (error) {
    if (error instanceof AlreadyClaimedError) {
      throw ERR.ALERT_ALREADY_CLAIMED({
        detail: `the alert of ${body.user_id} for ${body.local_date} was claimed already`,
      });
    }
    throw error;
  }
  if (!claim) throw ERR.USER_NOT_FOUND({ detail: `no user ${body.user_id}` });
  return { status: 201, body: claim };
};
