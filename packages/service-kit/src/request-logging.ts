import { type FastifyReply, type FastifyRequest, LogController } from "fastify";

/** What a route's config says about its request lines. */
export interface QuietRouteConfig {
  /** Its answers below 400 are logged at debug, not info: a poll every few seconds does not fill the log. */
  quietRequestLog?: boolean;
}

/** The probes and scrapes every service answers (`GET /health`, `/ready`, `/metrics`): polled, so quiet. */
export const PROBE_PATHS: ReadonlySet<string> = new Set(["/health", "/ready", "/metrics"]);

/** Whether an operation is a probe: its successful requests are debug lines (an idle service prints nothing at info). */
export function isProbe(operation: { method: string; path: string }): boolean {
  return operation.method.toUpperCase() === "GET" && PROBE_PATHS.has(operation.path);
}

function quiet(request: FastifyRequest): boolean {
  return (request.routeOptions?.config as QuietRouteConfig | undefined)?.quietRequestLog === true;
}

/**
 * One line per request: `request completed` at info once it is answered, with the method, the URL
 * (secrets redacted), the status and the time taken; `request errored` at error for a thrown error.
 * Fastify's `incoming request` line is a debug line (it doubled the cost of logging for nothing the
 * completed line does not say). A route whose config sets `quietRequestLog` (a poll) logs its answers
 * below 400 at debug too.
 */
export class RequestLogController extends LogController {
  override incomingRequest(request: FastifyRequest, _reply: FastifyReply, _metadata?: Record<string, unknown>): void {
    if (!this.isLogDisabled(request)) request.log.debug({ req: request }, "incoming request");
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
    _metadata?: Record<string, unknown>,
  ): void {
    if (this.isLogDisabled(request)) return;
    const fields = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...fields, err: error }, "request errored");
    else if (reply.statusCode < 400 && quiet(request)) reply.log.debug(fields, "request completed");
    else reply.log.info(fields, "request completed");
  }
}
