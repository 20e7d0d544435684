import type { GetReadyHandler } from "@jeeves/generated/handlers/dataservice";
import type { HandlerContext } from "@jeeves/service-kit";
import { ERR } from "../errors.ts";

/** Readiness: the database answers a query. */
export const getReady: GetReadyHandler<HandlerContext> = async (_request, { app }) => {
  try {
    await app.store.ping();
  } catch (error) {
    throw ERR.DATABASE_DOWN({ detail: "the database does not answer", cause: error, headers: { "retry-after": "5" } });
  }
  return {
    status: 200,
    body: { status: "ok", service: "dataservice", checks: [{ name: app.store.dialect, status: "ok" }] },
  };
};
