import type { GetReadyHandler } from "@jeeves/generated/handlers/dataservice";
import type { HandlerContext } from "@jeeves/service-kit";
import { databaseDown } from "./store-errors.ts";

/** Readiness: the database answers a query. */
export const getReady: GetReadyHandler<HandlerContext> = async (_request, { app }) => {
  try {
    await app.store.ping();
  } catch (error) {
    throw databaseDown(error);
  }
  return {
    status: 200,
    body: { status: "ok", service: "dataservice", checks: [{ name: app.store.dialect, status: "ok" }] },
  };
};
