import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ApiError, unwrap } from "../../web/src/api/client.ts";

describe("unwrap", () => {
  test("returns the data of a successful answer (undefined for 204)", async () => {
    assert.deepEqual(
      await unwrap(Promise.resolve({ data: { ok: 1 }, response: new Response("{}", { status: 200 }) })),
      {
        ok: 1,
      },
    );
    assert.equal(await unwrap(Promise.resolve({ response: new Response(null, { status: 204 }) })), undefined);
  });

  test("throws the problem of an error answer as an ApiError", async () => {
    const problem = {
      title: "Bad Request",
      status: 400,
      code: "SERVICE_ERR_VALIDATION",
      errors: [{ field: "/body/email", message: 'must match format "email"' }],
    };
    await assert.rejects(
      unwrap(Promise.resolve({ error: problem, response: new Response(JSON.stringify(problem), { status: 400 }) })),
      (error: unknown) => {
        assert.ok(error instanceof ApiError);
        assert.equal(error.status, 400);
        assert.deepEqual(error.fieldErrors, { email: 'Must match format "email"' });
        return true;
      },
    );
  });

  test("throws status 0 when no answer came", async () => {
    await assert.rejects(unwrap(Promise.reject(new TypeError("fetch failed"))), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 0);
      return true;
    });
  });
});
