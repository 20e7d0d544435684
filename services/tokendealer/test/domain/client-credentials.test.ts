import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readClientCredentials } from "../../src/domain/client-credentials.ts";
import { basic } from "../helper.ts";

describe("readClientCredentials", () => {
  it("reads HTTP Basic, form-url-decoding both parts (RFC 6749 §2.3.1)", () => {
    const header = basic("odd:id é", "s3cr+t/=:%");
    assert.deepEqual(readClientCredentials(header, {}), {
      ok: true,
      id: "odd:id é",
      secret: "s3cr+t/=:%",
      method: "client_secret_basic",
    });
    // A raw "+" in the encoded form means a space.
    const plus = `Basic ${Buffer.from("a+b:c+d").toString("base64")}`;
    assert.deepEqual(readClientCredentials(plus, {}), {
      ok: true,
      id: "a b",
      secret: "c d",
      method: "client_secret_basic",
    });
  });

  it("reads the form fields client_id and client_secret", () => {
    assert.deepEqual(readClientCredentials(undefined, { client_id: "svc", client_secret: "x" }), {
      ok: true,
      id: "svc",
      secret: "x",
      method: "client_secret_post",
    });
  });

  it("answers invalid_request for both methods at once, or a form client_id that differs from Basic", () => {
    const both = readClientCredentials(basic("svc", "x"), { client_secret: "x" });
    assert.equal(both.ok, false);
    assert.equal(!both.ok && both.error, "invalid_request");
    const other = readClientCredentials(basic("svc", "x"), { client_id: "other" });
    assert.equal(!other.ok && other.error, "invalid_request");
    // The same client_id beside Basic is harmless.
    assert.equal(readClientCredentials(basic("svc", "x"), { client_id: "svc" }).ok, true);
  });

  it("answers invalid_client without usable credentials", () => {
    const cases: [string | undefined, Record<string, string>][] = [
      [undefined, {}],
      [undefined, { client_id: "svc" }],
      ["Bearer abc", {}],
      ["Basic", {}],
      ["Basic !!!", {}],
      [`Basic ${Buffer.from("no-colon").toString("base64")}`, {}],
      [`Basic ${Buffer.from(":secret").toString("base64")}`, {}],
      [`Basic ${Buffer.from("%zz:secret").toString("base64")}`, {}],
    ];
    for (const [header, form] of cases) {
      const result = readClientCredentials(header, form);
      assert.equal(result.ok, false, String(header));
      assert.equal(!result.ok && result.error, "invalid_client", String(header));
    }
  });
});
