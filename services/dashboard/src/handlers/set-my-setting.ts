import type { SetMySettingHandler } from "@jeeves/generated/handlers/dashboard";
import type { HandlerContext } from "@jeeves/service-kit";
import { settingValueProblem } from "../domain/setting-values.ts";
import { ERR } from "../errors.ts";
import { callerOf } from "../hooks/session-guard.ts";

/**
 * Sets one of the person's settings, after checking the value is one the key takes (400
 * `DASHBOARD_ERR_INVALID_SETTING` with the error on `/body/value` otherwise).
 */
export const setMySetting: SetMySettingHandler<HandlerContext> = async ({ params, body }, { request, app }) => {
  const problem = settingValueProblem(params.key, body.value);
  if (problem) {
    throw ERR.INVALID_SETTING({
      detail: `/body/value ${problem}`,
      errors: [{ field: "/body/value", message: problem }],
    });
  }
  return { status: 200, body: await app.dataservice.setSetting(callerOf(request), params.key, body.value) };
};
