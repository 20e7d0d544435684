import { PROBLEM_TYPE } from "@jeeves/codecs";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { type FieldError, KIT_ERR, type Problem, problemType, ServiceError, statusTitle } from "./errors.ts";

interface AjvError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Turns ajv errors into field errors with JSON pointers such as `/body/email`. */
export function fieldErrors(context: string | undefined, validation: AjvError[]): FieldError[] {
  return validation.map((error) => {
    let field = `/${context ?? "body"}${error.instancePath ?? ""}`;
    const params = error.params ?? {};
    if (typeof params.missingProperty === "string") field += `/${params.missingProperty}`;
    if (typeof params.additionalProperty === "string") {
      return { field: `${field}/${params.additionalProperty}`, message: "is not allowed" };
    }
    return { field, message: error.message ?? "is not valid" };
  });
}

/** fastify's own client errors (those a request can cause), by the kit's code for them. */
const FRAMEWORK_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: KIT_ERR.UNSUPPORTED_MEDIA_TYPE.code,
  FST_ERR_CTP_BODY_TOO_LARGE: KIT_ERR.BODY_TOO_LARGE.code,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: KIT_ERR.MALFORMED_BODY.code,
  FST_ERR_CTP_EMPTY_JSON_BODY: KIT_ERR.MALFORMED_BODY.code,
  FST_ERR_CTP_INVALID_JSON_BODY: KIT_ERR.MALFORMED_BODY.code,
};

/** Maps any error to a problem; 5xx details are replaced by the title, so nothing internal leaks. */
export function toProblem(error: FastifyError | ServiceError | Error, instance?: string): Problem {
  const fastifyError = error as FastifyError & { validation?: AjvError[] };
  if (fastifyError.validation) {
    const errors = fieldErrors(fastifyError.validationContext, fastifyError.validation);
    return {
      type: problemType(400),
      title: statusTitle(400),
      status: 400,
      detail: `${errors[0]?.field ?? "request"} ${errors[0]?.message ?? "is not valid"}`,
      code: KIT_ERR.VALIDATION.code,
      errors,
      instance,
    };
  }
  const status = fastifyError.statusCode ?? 500;
  if (error instanceof ServiceError && status >= 500) {
    // A coded 5xx (such as 503 while the database is down) keeps its status and code, not its detail.
    return { type: problemType(status), title: error.title, status, code: error.code, instance };
  }
  if (status >= 500 || status < 400) {
    return { type: problemType(500), title: statusTitle(500), status: 500, code: KIT_ERR.INTERNAL.code, instance };
  }
  if (error instanceof ServiceError) {
    return {
      type: problemType(status),
      title: error.title,
      status,
      detail: error.detail,
      code: error.code,
      errors: error.errors,
      instance,
    };
  }
  return {
    type: problemType(status),
    title: statusTitle(status),
    status,
    detail: fastifyError.message,
    code: FRAMEWORK_CODES[fastifyError.code] ?? fastifyError.code,
    instance,
  };
}

/** Sends a problem as application/problem+json (never re-encoded, never filtered). */
export function sendProblem(reply: FastifyReply, problem: Problem, headers?: Record<string, string>): FastifyReply {
  const body: Problem = Object.fromEntries(Object.entries(problem).filter(([, v]) => v !== undefined)) as Problem;
  if (headers) reply.headers(headers);
  return reply.code(problem.status).type(PROBLEM_TYPE).serializer(JSON.stringify).send(body);
}

/**
 * The kit's one error handler and not-found handler: every error becomes a problem. Registered before
 * any route, so openapi-glue's routes use it too.
 */
export const problemHandler = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const problem = toProblem(error, request.url.split("?")[0]);
      if (problem.status >= 500) request.log.error({ err: error }, "request failed");
      else request.log.info({ code: problem.code, status: problem.status }, problem.detail ?? problem.title);
      return sendProblem(reply, problem, error instanceof ServiceError ? error.headers : undefined);
    });
    app.setNotFoundHandler((request, reply) =>
      sendProblem(reply, {
        type: problemType(404),
        title: statusTitle(404),
        status: 404,
        detail: `no route ${request.method} ${request.url.split("?")[0]}`,
        code: KIT_ERR.ROUTE_NOT_FOUND.code,
      }),
    );
  },
  { name: "jeeves-problem-handler" },
);
