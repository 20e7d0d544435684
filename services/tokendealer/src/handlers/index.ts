import type { TokendealerHandlers } from "@jeeves/generated/handlers/tokendealer";
import { getMetrics, type HandlerContext } from "@jeeves/service-kit";
import { getHealth } from "./get-health.ts";
import { getJwks } from "./get-jwks.ts";
import { getMetadata } from "./get-metadata.ts";
import { getReady } from "./get-ready.ts";
import { introspectToken } from "./introspect-token.ts";
import { issueToken } from "./issue-token.ts";

/** The TokenDealer's handler table; the compiler checks it has every operation of the spec, typed. */
export const handlers: TokendealerHandlers<HandlerContext> = {
  issueToken,
  introspectToken,
  getJwks,
  getMetadata,
  getHealth,
  getMetrics,
  getReady,
};
