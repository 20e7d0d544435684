import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  ApiError,
  errorMessage,
  fieldErrorsByKey,
  fieldKey,
  isApiError,
  networkError,
  problemToError,
  retryAfterSeconds,
} from "../../web/src/api/problem.ts";

const answer = (status: number, headers: Record<string, string> = {}) => ({ status, headers: new Headers(headers) });

describe("fieldKey", () => {
  test("maps a body field's pointer to its input name", () => {
    assert.equal(fieldKey("/body/email"), "email");
    assert.equal(fieldKey("/body/display_name"), "display_name");
    assert.equal(fieldKey("/body/value"), "value");
  });

  test("maps query and path parameters, and nested fields with dots", () => {
    assert.equal(fieldKey("/querystring/q"), "q");
    assert.equal(fieldKey("/params/userId"), "userId");
    assert.equal(fieldKey("/body/address/city"), "address.city");
  });

  test("unescapes JSON pointer tokens", () => {
    assert.equal(fieldKey("/body/a~1b"), "a/b");
    assert.equal(fieldKey("/body/a~0b"), "a~b");
  });

  test("gives no input for the whole body, other places and malformed pointers", () => {
    for (const pointer of ["/body", "/body/", "/headers/x-csrf-token", "body/email", "", "/", "/body//email"]) {
      assert.equal(fieldKey(pointer), undefined, pointer);
    }
  });
});

describe("problemToError", () => {
  test("keeps status, code, title, detail and field errors, keyed by input", () => {
    const error = problemToError(
      {
        type: "urn:jeeves:problem:bad-request",
        title: "Bad Request",
        status: 400,
        detail: '/body/email must match format "email"',
        code: "SERVICE_ERR_VALIDATION",
        errors: [
          { field: "/body/email", message: 'must match format "email"' },
          { field: "/body/password", message: "must NOT have fewer than 8 characters" },
        ],
      },
      answer(400),
    );
    assert.ok(error instanceof ApiError);
    assert.ok(error instanceof Error);
    assert.equal(error.status, 400);
    assert.equal(error.code, "SERVICE_ERR_VALIDATION");
    assert.equal(error.title, "Bad Request");
    assert.equal(error.detail, '/body/email must match format "email"');
    assert.equal(error.message, error.detail);
    assert.equal(error.errors.length, 2);
    assert.deepEqual(error.fieldErrors, {
      email: 'Must match format "email"',
      password: "Must NOT have fewer than 8 characters",
    });
  });

  test("a field error on no input of the form is among the others", () => {
    const error = problemToError(
      {
        title: "Bad Request",
        status: 400,
        errors: [
          { field: "/body/email", message: "belongs to another user" },
          { field: "/body", message: "is required" },
          { field: "/body/nickname", message: "is not allowed" },
        ],
      },
      answer(409),
    );
    assert.deepEqual(error.otherErrors(["email", "password"]), [
      "/body: is required",
      "/body/nickname: is not allowed",
    ]);
    assert.deepEqual(error.otherErrors(["email", "nickname"]), ["/body: is required"]);
  });

  test("two errors on one input are both shown", () => {
    assert.deepEqual(
      fieldErrorsByKey([
        { field: "/body/password", message: "is too short" },
        { field: "/body/password", message: "is too common" },
      ]),
      { password: "Is too short; Is too common" },
    );
  });

  test("the dataservice's refusal keeps its words", () => {
    const error = problemToError(
      { title: "Forbidden", status: 403, code: "DATASERVICE_ERR_ADMIN_REQUIRED", detail: "Only an admin can do that." },
      answer(403),
    );
    assert.equal(error.message, "Only an admin can do that.");
    assert.deepEqual(error.fieldErrors, {});
    assert.ok(isApiError(error, 403));
    assert.equal(isApiError(error, 401), false);
  });

  test("without a detail the message says what the status means", () => {
    assert.equal(
      problemToError({ title: "Unauthorized", status: 401 }, answer(401)).message,
      "Your session has ended. Log in again.",
    );
    assert.match(
      problemToError({ status: 504, code: "DASHBOARD_ERR_NO_REPLY" }, answer(504)).message,
      /did not answer in time/,
    );
    assert.match(problemToError(undefined, answer(500)).message, /went wrong/);
    assert.match(problemToError(undefined, answer(418)).message, /failed/);
  });

  test("reads Retry-After in seconds on 429", () => {
    const error = problemToError(
      { title: "Too Many Requests", status: 429, code: "DASHBOARD_ERR_TOO_MANY_LOGINS" },
      answer(429, { "Retry-After": "42" }),
    );
    assert.equal(error.retryAfter, 42);
    assert.equal(error.code, "DASHBOARD_ERR_TOO_MANY_LOGINS");
  });

  test("takes a short text body (not problem+json) as the detail, and ignores malformed members", () => {
    assert.equal(problemToError("Bad gateway from the proxy", answer(502)).detail, "Bad gateway from the proxy");
    assert.equal(problemToError("x".repeat(301), answer(502)).detail, undefined);
    const error = problemToError(
      {
        code: 7,
        title: ["no"],
        detail: "",
        errors: [{ field: 1, message: "m" }, "e", { field: "/body/email", message: "bad" }],
      },
      answer(400),
    );
    assert.equal(error.code, undefined);
    assert.equal(error.title, "Something in the request is not valid.");
    assert.equal(error.detail, undefined);
    assert.deepEqual(error.errors, [{ field: "/body/email", message: "bad" }]);
  });
});

describe("retryAfterSeconds", () => {
  test("takes positive delta-seconds only", () => {
    assert.equal(retryAfterSeconds("30"), 30);
    assert.equal(retryAfterSeconds(" 5 "), 5);
    for (const header of [null, undefined, "", "0", "-3", "1.5", "Wed, 21 Oct 2015 07:28:00 GMT", "9999999999"]) {
      assert.equal(retryAfterSeconds(header), undefined, String(header));
    }
  });
});

describe("networkError and errorMessage", () => {
  test("no answer is status 0 with a message to check the connection", () => {
    const cause = new TypeError("fetch failed");
    const error = networkError(cause);
    assert.equal(error.status, 0);
    assert.equal(error.cause, cause);
    assert.match(errorMessage(error), /cannot be reached/);
  });

  test("any other error shows its message, or a generic one", () => {
    assert.equal(errorMessage(new Error("boom")), "boom");
    assert.equal(errorMessage("boom"), "Something went wrong.");
  });
});
