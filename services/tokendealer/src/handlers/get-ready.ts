import type { GetReadyHandler } from "@jeeves/generated/handlers/tokendealer";
import type { HandlerContext } from "@jeeves/service-kit";
import { ERR } from "../errors.ts";

/** Readiness: a signing key is loaded. */
export const getReady: GetReadyHandler<HandlerContext> = async (_request, { app }) => {
  await app.keys.refresh();
  if (!app.keys.signingKey()) {
    throw ERR.NO_SIGNING_KEY({ detail: "every key is retired", headers: { "retry-after": "5" } });
  }
  return {
    status: 200,
    body: { status: "ok", service: "tokendealer", checks: [{ name: "signing-key", status: "ok" }] },
  };
};
