import type { Duplex } from "node:stream";
import { PROBLEM_TYPE } from "@jeeves/codecs";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { KIT_ERR, type Problem, problemType, type ServiceError } from "./errors.ts";
import { sendProblem } from "./problem-handler.ts";
import { REQUEST_ID_HEADER } from "./request-id.ts";

function problemOf(error: ServiceError): Problem {
  return {
    type: problemType(error.statusCode),
    title: error.title,
    status: error.statusCode,
    detail: error.detail,
    code: error.code,
  };
}

/** The kit's error for what fastify's router refuses before any route runs. */
function routerError(error: FastifyError): ServiceError {
  switch (error.code) {
    case "FST_ERR_BAD_URL":
      return KIT_ERR.BAD_URL({ detail: "the URL's path is not valid percent-encoded UTF-8" });
    case "FST_ERR_MAX_PARAM_LENGTH":
      return KIT_ERR.URI_TOO_LONG({ detail: "a path parameter is longer than the service takes" });
    default:
      return KIT_ERR.INTERNAL();
  }
}

/**
 * fastify's `frameworkErrors`: what the router refuses before any route or hook runs (a path that is
 * not valid percent-encoding, a path parameter over `maxParamLength`) answers a problem like any other
 * error, without the URL (fastify's own answer echoes it).
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const problem = problemOf(routerError(error));
  if (problem.status >= 500) request.log.error({ err: error }, "the router failed");
  else request.log.info({ code: problem.code, status: problem.status }, problem.detail);
  sendProblem(reply, problem, { [REQUEST_ID_HEADER]: request.id });
}

/**
 * An `onRequest` hook: an HTTP/1.1 request without a Host header (RFC 9112 §3.2) answers 400 problem+json.
 * node refuses such requests itself with a bare 400 and no body, so the kit turns that check off
 * (`http.requireHostHeader: false`) and makes it here, where the answer is a problem like any other.
 */
export function requireHost(request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void {
  const raw = request.raw;
  if (raw.httpVersionMajor === 1 && raw.httpVersionMinor >= 1 && raw.headers.host === undefined) {
    done(KIT_ERR.BAD_REQUEST({ detail: "HTTP/1.1 requests need a Host header" }));
    return;
  }
  done();
}

/** The kit's error for a request node's HTTP parser refuses. */
function parserError(code: string | undefined): ServiceError {
  switch (code) {
    case "HPE_HEADER_OVERFLOW":
      return KIT_ERR.HEADERS_TOO_LARGE({ detail: "the request line and headers are larger than the service takes" });
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return KIT_ERR.REQUEST_TIMEOUT({ detail: "the request did not arrive in time" });
    default:
      return KIT_ERR.BAD_REQUEST({ detail: "the request is not valid HTTP/1.1" });
  }
}

/**
 * fastify's `clientErrorHandler` (node's `clientError`): a request node cannot parse (headers over
 * the size limit, a request that is not HTTP, one too slow to arrive) gets a problem, written on the
 * socket as a whole HTTP response since there is no request to reply to, and the connection closes.
 */
export function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Duplex): void {
  // A reset connection has nobody to answer.
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const problem = problemOf(parserError(error.code));
  this.log.debug({ code: problem.code, parser: error.code }, "refused a request that could not be parsed");
  if (socket.writable) {
    const body = JSON.stringify(problem);
    socket.write(
      `HTTP/1.1 ${problem.status} ${problem.title}\r\nContent-Type: ${PROBLEM_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
