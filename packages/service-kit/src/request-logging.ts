import { type FastifyReply, type FastifyRequest, LogController } from "fastify";

/** What a route's config says about its request lines. */
export interface QuietRouteConfig {
  /** Its answers below 400 are logged at debug, not info: a poll every few seconds does not fill the log. */
  quietRequestLog?: boolean;
}

function quiet(request: FastifyRequest): boolean {
  return (request.routeOptions?.config as QuietRouteConfig | undefined)?.quietRequestLog === true;
}

/**
 * Fastify's request lines (`incoming request`, `request completed`), except on a route whose config sets
 * `quietRequestLog`: there both are debug lines while it answers below 400; an error, or an answer of
 * 400 or more, is one info line (error for a thrown error) with the request's method and URL.
 */
export class QuietRouteLogController extends LogController {
  override incomingRequest(request: FastifyRequest, reply: FastifyReply, metadata?: Record<string, unknown>): void {
    if (!quiet(request)) super.incomingRequest(request, reply, metadata);
    else if (!this.isLogDisabled(request)) request.log.debug({ req: request }, "incoming request");
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
    metadata?: Record<string, unknown>,
  ): void {
    if (!quiet(request)) {
      super.requestCompleted(error, request, reply, metadata);
      return;
    }
    if (this.isLogDisabled(request)) return;
    const fields = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...fields, err: error }, "request errored");
    else if (reply.statusCode >= 400) reply.log.info(fields, "request completed");
    else reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, "request completed");
  }
}
