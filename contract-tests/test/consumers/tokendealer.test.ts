import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createClient, createTokenProvider, TokenRequestError } from "@jeeves/client-kit";
import { type Encoding, essence, MEDIA_TYPE_OF, SpecIndex } from "@jeeves/codecs";
import type { paths } from "@jeeves/generated/openapi/tokendealer";
import { spec } from "@jeeves/generated/specs/tokendealer";
import { type RunningMock, startMock } from "../../src/mock/start-mock.ts";

const index = new SpecIndex(spec);
// biome-ignore lint/suspicious/noExplicitAny: walks the parsed OpenAPI document
type Node = Record<string, any>;

/** The example Prism answers for a status: the media type's own, else its schema's. */
function exampleOf(operationId: string, status: number): Node {
  const operation = index.operation(operationId);
  const paths = index.document.paths as Node;
  const response = paths[operation.path][operation.method.toLowerCase()].responses[status];
  const media = Object.values(response.content as Node)[0] as Node;
  return media.example ?? media.schema.example;
}

let mock: RunningMock;
before(async () => {
  mock = await startMock({ spec: "specs/openapi/tokendealer.yaml" });
});
after(() => mock?.close());

interface Sent {
  contentType: string | null;
  authorization: string | null;
  form: Record<string, string>;
  status: number;
  violations: string | null;
}

/** The client kit's token provider pointed at the TokenDealer mock, recording each token request. */
function providerOf(extraHeaders: Record<string, string> = {}) {
  const sent: Sent[] = [];
  const provider = createTokenProvider({
    tokendealerUrl: mock.url,
    clientId: "actions",
    clientSecret: "s3cret",
    audience: "dataservice",
    scopes: ["users:read", "users:write"],
    fetch: async (request) => {
      const copy = request.clone();
      for (const [name, value] of Object.entries(extraHeaders)) request.headers.set(name, value);
      const response = await fetch(request);
      sent.push({
        contentType: copy.headers.get("content-type"),
        authorization: copy.headers.get("authorization"),
        form: Object.fromEntries(new URLSearchParams(await copy.text())),
        status: response.status,
        violations: response.headers.get("sl-violations"),
      });
      return response;
    },
  });
  return { provider, sent };
}

describe("the client kit's token provider against the TokenDealer mock", () => {
  test("gets the spec's example token with a form-encoded client credentials request, and reuses it", async () => {
    const { provider, sent } = providerOf();
    const token = await provider.token();
    assert.equal(token, exampleOf("issueToken", 200).access_token);
    assert.equal(await provider.token(), token);
    assert.equal(sent.length, 1, "the second call is served from the cache");
    const [request] = sent;
    assert.equal(request.status, 200, request.violations ?? "");
    assert.equal(essence(request.contentType ?? undefined), "application/x-www-form-urlencoded");
    assert.equal(request.authorization, `Basic ${Buffer.from("actions:s3cret").toString("base64")}`);
    assert.deepEqual(request.form, {
      grant_type: "client_credentials",
      audience: "dataservice",
      scope: "users:read users:write",
    });
  });

  test("turns the spec's 401 answer into a TokenRequestError (Prefer: code=401)", async () => {
    const { provider } = providerOf({ prefer: "code=401" });
    await assert.rejects(provider.token(), (error: unknown) => {
      assert.ok(error instanceof TokenRequestError);
      assert.equal(error.status, 401);
      assert.equal(error.error, exampleOf("issueToken", 401).error);
      return true;
    });
  });

  test("negative control: a token request that is not form-encoded is refused by the mock", async () => {
    const response = await fetch(`${mock.url}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ grant_type: "client_credentials", audience: "dataservice" }),
    });
    assert.equal(response.status, 415);
    await response.body?.cancel();
  });
});

describe("the TokenDealer mock's health, through the client kit", () => {
  for (const encoding of ["json", "msgpack", "protobuf"] as Encoding[]) {
    test(`answers the spec's example in ${encoding}`, async () => {
      let received: string | null = null;
      const client = createClient<paths>({
        spec,
        baseUrl: mock.url,
        encoding,
        fetch: async (request) => {
          const response = await fetch(request);
          received = response.headers.get("content-type");
          return response;
        },
      });
      const { data } = await client.GET("/health");
      assert.equal(received, MEDIA_TYPE_OF[encoding]);
      assert.deepEqual(data, exampleOf("getHealth", 200));
    });
  }
});
