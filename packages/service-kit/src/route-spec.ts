import type { OperationSpec, SpecIndex } from "@jeeves/codecs";
import type { FastifyRequest } from "fastify";

/** What the kit keeps in a route's config: its operation in the spec, and the spec's index. */
export interface JeevesRouteConfig {
  jeeves?: { operation: OperationSpec; index: SpecIndex };
}

/** The operation a request was routed to, when it is a spec route. */
export function routeOperation(request: FastifyRequest): { operation: OperationSpec; index: SpecIndex } | undefined {
  return (request.routeOptions.config as JeevesRouteConfig | undefined)?.jeeves;
}
