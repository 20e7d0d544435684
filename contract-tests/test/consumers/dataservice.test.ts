import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { gunzipSync } from "node:zlib";
import { createClient, type TokenProvider, UndeclaredPropertyError } from "@jeeves/client-kit";
import { decodeBody, type Encoding, essence, MEDIA_TYPE_OF, PROBLEM_TYPE, SpecIndex } from "@jeeves/codecs";
import type { paths } from "@jeeves/generated/openapi/dataservice";
import { spec } from "@jeeves/generated/specs/dataservice";
import { RouteMatcher } from "../../src/mock/route-matcher.ts";
import { type RunningMock, startMock } from "../../src/mock/start-mock.ts";
import { BROKEN_CALLS, DATASERVICE_CALLS, type DataserviceClient, MISSPELLED_CALL } from "./dataservice-calls.ts";

const index = new SpecIndex(spec);
const routes = new RouteMatcher(index);

/** A bearer token the mock accepts: Prism checks that the credentials the spec requires are there, not what they say. */
const DUMMY_TOKEN: TokenProvider = { token: async () => "dummy-token-for-the-mock", invalidate() {} };

const VARIANTS = (["json", "msgpack", "protobuf"] as Encoding[]).flatMap((encoding) =>
  [false, true].map((gzip) => ({ encoding, gzip, name: `${encoding}${gzip ? "+gzip" : ""}` })),
);

interface Exchange {
  sent?: string;
  sentEncoding?: string;
  received?: string;
  /** The body that reached the mock, decoded from the wire (gunzipped, in JSON shape). */
  body?: unknown;
  /** The messages of Prism's `sl-violations` header: why it refused the request. */
  violations: string[];
}

let mock: RunningMock;
before(async () => {
  mock = await startMock({ spec: "specs/openapi/dataservice.yaml", validateRequests: true });
});
after(() => mock?.close());

/** The body a request carries on the wire, decoded with its operation's request schema. */
async function wireBody(request: Request): Promise<unknown> {
  if (!request.body) return undefined;
  let bytes: Uint8Array = new Uint8Array(await request.clone().arrayBuffer());
  if (request.headers.get("content-encoding") === "gzip") bytes = gunzipSync(bytes);
  const operation = routes.match(request.method, new URL(request.url).pathname);
  return decodeBody(request.headers.get("content-type") ?? "", bytes, operation?.requestBody?.schema);
}

/** The client kit's client of the dataservice mock, recording what each exchange put on the wire. */
function clientOf(variant: { encoding: Encoding; gzip: boolean }, auth: TokenProvider | null = DUMMY_TOKEN) {
  const exchanges: Exchange[] = [];
  const client: DataserviceClient = createClient<paths>({
    spec,
    baseUrl: mock.url,
    encoding: variant.encoding,
    gzip: variant.gzip,
    ...(auth ? { auth } : {}), // null: no Authorization header at all
    fetch: async (request) => {
      const body = await wireBody(request);
      const response = await fetch(request);
      exchanges.push({
        body,
        sent: request.headers.get("content-type") ?? undefined,
        sentEncoding: request.headers.get("content-encoding") ?? undefined,
        received: response.headers.get("content-type") ?? undefined,
        violations: (JSON.parse(response.headers.get("sl-violations") ?? "[]") as Array<{ message: string }>).map(
          (v) => v.message,
        ),
      });
      return response;
    },
  });
  return { client, exchanges };
}

for (const variant of VARIANTS) {
  describe(`the dataservice's consumers over ${variant.name}, against its mock`, () => {
    for (const consumerCall of DATASERVICE_CALLS) {
      test(`${consumerCall.name} (${consumerCall.operationId}) is answered 2xx`, async () => {
        const { client, exchanges } = clientOf(variant);
        const { response, data, error } = await consumerCall.call(client);
        assert.ok(response.ok, `${response.status} ${JSON.stringify(error)} ${exchanges[0]?.violations.join("; ")}`);
        const [exchange] = exchanges;
        const mediaType = MEDIA_TYPE_OF[variant.encoding];
        assert.equal(essence(exchange.received), mediaType, "answered in the client's encoding");
        if (exchange.sent) {
          assert.equal(essence(exchange.sent), mediaType, "the body went in the client's encoding");
          assert.equal(exchange.sentEncoding, variant.gzip ? "gzip" : undefined);
        }
        assert.deepEqual(exchange.body, consumerCall.body, "the mock saw the body as the consumer wrote it");
        const operation = index.operation(consumerCall.operationId);
        assert.deepEqual(data, index.response(operation, response.status)?.schema?.example);
      });
    }

    for (const broken of BROKEN_CALLS) {
      test(`negative control: ${broken.name} is refused by the mock`, async () => {
        const { client, exchanges } = clientOf(variant);
        const { response, data, error } = await broken.call(client);
        assert.equal(data, undefined);
        assert.ok(response.status >= 400 && response.status < 500, `status ${response.status}`);
        assert.equal(essence(response.headers.get("content-type") ?? undefined), PROBLEM_TYPE);
        assert.equal((error as { status?: number }).status, response.status);
        const { violations } = exchanges[0];
        assert.ok(
          violations.some((message) => message.includes(broken.violation)),
          violations.join("; "),
        );
        // The consumer's failure tells the rule it broke, not the spec's canned 400 example.
        const detail = (error as { detail?: string }).detail ?? "";
        assert.ok(detail.includes(broken.violation), `the problem's detail: ${detail}`);
      });
    }
  });
}

describe("bearer tokens against the dataservice mock", () => {
  for (const encoding of ["json", "protobuf"] as Encoding[]) {
    test(`a call without a token is refused with 401 (${encoding})`, async () => {
      const { client, exchanges } = clientOf({ encoding, gzip: false }, null);
      const { response, data, error } = await DATASERVICE_CALLS[1].call(client);
      assert.equal(response.status, 401);
      assert.equal(data, undefined);
      assert.equal((error as { code?: string }).code, "DATASERVICE_ERR_BAD_CREDENTIALS");
      assert.deepEqual(exchanges[0].violations, ["Invalid security scheme used"]);
    });
  }

  test("health needs no token (security: [] in the spec)", async () => {
    const { client } = clientOf({ encoding: "protobuf", gzip: false }, null);
    const { response, data } = await client.GET("/health");
    assert.equal(response.status, 200);
    assert.deepEqual(data, index.response(index.operation("getHealth"), 200)?.schema?.example);
  });
});

describe("a consumer's misspelled property", () => {
  for (const variant of VARIANTS) {
    test(`is refused by the client kit, naming it, and nothing reaches the mock (${variant.name})`, async () => {
      const { client, exchanges } = clientOf(variant);
      await assert.rejects(MISSPELLED_CALL.call(client), (error: unknown) => {
        assert.ok(error instanceof UndeclaredPropertyError, String(error));
        assert.equal(error.code, "CLIENT_ERR_UNDECLARED_PROPERTY");
        assert.equal(
          error.message,
          `${MISSPELLED_CALL.property} is not a property of the request body of findOrCreateSlackUser`,
        );
        return true;
      });
      assert.deepEqual(exchanges, []);
    });
  }

  test("sent past the client kit, is refused by the mock, whose problem names it (not the canned example)", async () => {
    const body = { slack_team_id: "T0123ABCD", slack_user_id: "U0456EFGH", dispaly_name: "bertie" };
    const response = await fetch(`${mock.url}/users/find-or-create`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer dummy-token-for-the-mock" },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 400);
    const problem = (await response.json()) as { detail?: string; code?: string };
    assert.equal(problem.code, "SERVICE_ERR_VALIDATION");
    assert.match(problem.detail ?? "", /must NOT have additional properties; found 'dispaly_name'/);
  });
});
