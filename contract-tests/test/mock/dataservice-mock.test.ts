import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import { type BodySchema, MEDIA_TYPE_OF, PROBLEM_TYPE, SpecIndex } from "@jeeves/codecs";
import { spec } from "@jeeves/generated/specs/dataservice";
import { parse } from "yaml";
import { type RunningMock, startMock } from "../../src/mock/start-mock.ts";
import { send } from "./raw-request.ts";
import { decodeAnswer, ENCODINGS, encodeAsIs, header, headersFor, violations } from "./wire.ts";

const index = new SpecIndex(spec);
const schemaOf = (operationId: string, status: number) =>
  index.response(index.operation(operationId), status)?.schema as BodySchema;
const HEALTH = schemaOf("getHealth", 200);
const USER = schemaOf("createUser", 201);
const PAGE = schemaOf("listUsers", 200);
const BEARER = { authorization: "Bearer any-token-the-mock-does-not-verify" };

interface Bodies {
  accepted: Array<{ name: string; body: Record<string, unknown> }>;
  refused: Array<{ name: string; body: Record<string, unknown>; violation: string; encodings: typeof ENCODINGS }>;
}
const BODIES = parse(readFileSync(new URL("./fixtures/create-user-bodies.yaml", import.meta.url), "utf8")) as Bodies;

let mock: RunningMock;
before(async () => {
  mock = await startMock({ spec: "specs/openapi/dataservice.yaml" });
});
after(() => mock?.close());

describe("GET /health on the dataservice mock", () => {
  for (const encoding of ENCODINGS) {
    test(`answers the spec's example in ${encoding}, not gzipped below 1 KiB even when asked`, async () => {
      const answer = await send(`${mock.url}/health`, {
        headers: { accept: MEDIA_TYPE_OF[encoding], "accept-encoding": "gzip" },
      });
      assert.equal(answer.status, 200);
      assert.equal(header(answer, "content-type"), MEDIA_TYPE_OF[encoding]);
      assert.equal(header(answer, "content-encoding"), undefined);
      assert.deepEqual(decodeAnswer(answer, HEALTH), HEALTH.example);
    });
  }

  test("follows the q-values of Accept", async () => {
    const answer = await send(`${mock.url}/health`, {
      headers: { accept: "application/json;q=0.2, application/x-protobuf;q=0.5, application/msgpack" },
    });
    assert.equal(header(answer, "content-type"), MEDIA_TYPE_OF.msgpack);
    assert.deepEqual(decodeAnswer(answer, HEALTH), HEALTH.example);
  });
});

describe("gzip on the dataservice mock", () => {
  /**
   * A `Prefer` that makes Prism generate a page of users above 1 KiB even in protobuf. The spec's examples
   * are all small, so Prism generates pages from the schema, seeded (hence the same page in every
   * encoding), until one is big enough.
   */
  async function bigPagePreference(): Promise<string> {
    for (let seed = 1; seed <= 100; seed++) {
      const prefer = `dynamic=true, seed=jeeves-${seed}`;
      const answer = await send(`${mock.url}/users`, {
        headers: { accept: MEDIA_TYPE_OF.protobuf, prefer, ...BEARER },
      });
      if (answer.status === 200 && answer.body.length > 1024) return prefer;
    }
    throw new Error("no seed gave Prism a page above 1 KiB");
  }

  test("answers above 1 KiB are gzipped in every encoding when asked, and only then", async () => {
    const prefer = await bigPagePreference();
    const pages: unknown[] = [];
    for (const encoding of ENCODINGS) {
      const headers = { accept: MEDIA_TYPE_OF[encoding], prefer, ...BEARER };
      const zipped = await send(`${mock.url}/users`, { headers: { ...headers, "accept-encoding": "gzip" } });
      assert.equal(zipped.status, 200, encoding);
      assert.equal(header(zipped, "content-encoding"), "gzip", encoding);
      assert.match(header(zipped, "vary") ?? "", /Accept-Encoding/);
      const plain = await send(`${mock.url}/users`, { headers: { ...headers, "accept-encoding": "identity" } });
      assert.equal(header(plain, "content-encoding"), undefined, encoding);
      assert.ok(plain.body.length > 1024, `${encoding}: ${plain.body.length} bytes`);
      assert.ok(zipped.body.length < plain.body.length, encoding);
      const page = decodeAnswer(zipped, PAGE);
      assert.deepEqual(page, decodeAnswer(plain, PAGE), encoding);
      pages.push(page);
    }
    assert.deepEqual(pages[1], pages[0], "msgpack carries what JSON carries");
    assert.deepEqual(pages[2], pages[0], "protobuf carries what JSON carries");
  });
});

describe("POST /users bodies on the dataservice mock", () => {
  for (const encoding of ENCODINGS) {
    for (const gzip of [false, true]) {
      for (const { name, body } of BODIES.accepted) {
        test(`accepts ${name} in ${encoding}${gzip ? " gzipped" : ""}, answering a User in ${encoding}`, async () => {
          const bytes = encodeAsIs(encoding, body, "jeeves.v1.UserCreate");
          const answer = await send(`${mock.url}/users`, {
            method: "POST",
            headers: headersFor(encoding, { ...BEARER, ...(gzip ? { "content-encoding": "gzip" } : {}) }),
            body: gzip ? gzipSync(bytes) : bytes,
          });
          assert.equal(answer.status, 201, answer.body.toString());
          assert.equal(header(answer, "content-type"), MEDIA_TYPE_OF[encoding]);
          assert.deepEqual(decodeAnswer(answer, USER), USER.example);
        });
      }
    }
    for (const { name, body, violation, encodings } of BODIES.refused) {
      if (!encodings.includes(encoding)) continue;
      test(`refuses ${name} in ${encoding}, with Prism's validation answer as problem+json`, async () => {
        const answer = await send(`${mock.url}/users`, {
          method: "POST",
          headers: headersFor(encoding, BEARER),
          body: encodeAsIs(encoding, body, "jeeves.v1.UserCreate"),
        });
        assert.ok([400, 422].includes(answer.status), `status ${answer.status}`);
        assert.equal(header(answer, "content-type"), PROBLEM_TYPE);
        assert.ok(
          violations(answer).some((message) => message.includes(violation)),
          violations(answer).join("; "),
        );
        const problem = decodeAnswer(answer) as { status: number; detail?: string };
        assert.equal(problem.status, answer.status);
        assert.ok(problem.detail?.includes(violation), `the problem tells the violation: ${problem.detail}`);
      });
    }
  }

  test("a body that is not MessagePack is refused by the front, before Prism", async () => {
    const answer = await send(`${mock.url}/users`, {
      method: "POST",
      headers: headersFor("msgpack", BEARER),
      body: Buffer.from([0xc1]),
    });
    assert.equal(answer.status, 400);
    assert.equal((decodeAnswer(answer) as { type: string }).type, "urn:jeeves:mock:malformed-body");
  });

  test("a Content-Encoding other than gzip is refused with 415", async () => {
    const answer = await send(`${mock.url}/users`, {
      method: "POST",
      headers: headersFor("json", { ...BEARER, "content-encoding": "br" }),
      body: Buffer.from("{}"),
    });
    assert.equal(answer.status, 415);
    assert.equal((decodeAnswer(answer) as { type: string }).type, "urn:jeeves:mock:unsupported-content-encoding");
  });
});

describe("choosing and refusing answers on the dataservice mock", () => {
  const user = "/users/0190b8a2-7c1e-7d4a-9f3e-5b2a1c0d9e8f";

  for (const encoding of ENCODINGS) {
    test(`Prefer: code=404 answers the spec's problem+json, whatever the caller asked (${encoding})`, async () => {
      const answer = await send(`${mock.url}${user}`, {
        headers: { accept: `${MEDIA_TYPE_OF[encoding]}, ${PROBLEM_TYPE};q=0.9`, prefer: "code=404", ...BEARER },
      });
      assert.equal(answer.status, 404);
      assert.equal(header(answer, "content-type"), PROBLEM_TYPE);
      assert.deepEqual(decodeAnswer(answer), {
        type: "urn:jeeves:problem:not-found",
        title: "Not Found",
        status: 404,
        code: "DATASERVICE_ERR_USER_NOT_FOUND",
      });
    });
  }

  test("a call without a bearer token is refused with 401 where the spec requires one", async () => {
    const answer = await send(`${mock.url}${user}`, { headers: { accept: MEDIA_TYPE_OF.msgpack } });
    assert.equal(answer.status, 401);
    assert.equal(header(answer, "content-type"), PROBLEM_TYPE);
    assert.deepEqual(violations(answer), ["Invalid security scheme used"]);
  });

  test("a path parameter breaking its schema is refused", async () => {
    const answer = await send(`${mock.url}/users/not-a-uuid`, {
      headers: { accept: MEDIA_TYPE_OF.protobuf, ...BEARER },
    });
    assert.equal(answer.status, 400);
    assert.deepEqual(violations(answer), ['Request path parameter userid must match format "uuid"']);
  });
});
