import assert from "node:assert/strict";
import { test } from "node:test";
import { essence, MEDIA_TYPE_OF, SpecIndex } from "@jeeves/codecs";
import type { components } from "@jeeves/generated/openapi/dataservice";
import { spec } from "@jeeves/generated/specs/dataservice";
import fc from "fast-check";
import { arbitraryFor, type JsonSchema } from "../../src/property/arbitrary-for.ts";
import { visibleFields, withoutAssignedFields } from "../../src/property/server-answer.ts";
import { ENCODING_NAMES, liveDataservice } from "./live-services.ts";

/** Generated values per case; each run calls all three encodings. LIVE_PROPERTY_RUNS=200 for a deeper search. */
const RUNS = Number(process.env.LIVE_PROPERTY_RUNS ?? 20);

type Schemas = components["schemas"];
type Client = Awaited<ReturnType<typeof liveDataservice>>["clients"]["json"];
type Body = Record<string, unknown>;

const index = new SpecIndex(spec);
const requestSchema = (operationId: string) => index.operation(operationId).requestBody?.schema as JsonSchema;
const responseSchema = (operationId: string, status: number) =>
  index.response(index.operation(operationId), status)?.schema as JsonSchema;

/** The schema of a path parameter, as the spec declares it for the operation's path. */
function parameterSchema(operationId: string, name: string): JsonSchema {
  const op = index.operation(operationId);
  const item = (index.document.paths as Record<string, { parameters?: Array<{ name: string; schema: JsonSchema }> }>)[
    op.path
  ];
  const found = item.parameters?.find((p) => p.name === name);
  if (!found) throw new Error(`no parameter ${name} on ${op.path}`);
  return found.schema;
}

/** One operation called with generated input in every encoding. */
interface LiveCase {
  operationId: string;
  status: number;
  input: fc.Arbitrary<{ params: Record<string, string>; body: Body }>;
  call(
    client: Client,
    params: Record<string, string>,
    body: Body,
  ): Promise<{ data?: unknown; error?: unknown; response: Response }>;
  /** What the answer must contain: the sent body without writeOnly fields, and the path's identity. */
  echo(params: Record<string, string>, body: Body): Body;
  /** Undoes the call, so the next encoding creates the same resource anew. */
  cleanup?(client: Client, params: Record<string, string>, answer: Body): Promise<unknown>;
}

function bodies(operationId: string) {
  return arbitraryFor(requestSchema(operationId), { direction: "request" }) as fc.Arbitrary<Body>;
}

test("dataservice: generated bodies get the same answer in JSON, MessagePack and protobuf", async (t) => {
  const { clients, wire } = await liveDataservice(t);
  const owner = await clients.json.POST("/users", { body: { display_name: "Settings owner" } });
  assert.equal(owner.response.status, 201);
  const userId = owner.data?.id as string;

  const cases: LiveCase[] = [
    {
      operationId: "createUser",
      status: 201,
      input: bodies("createUser").map((body) => ({ params: {}, body })),
      call: (client, _params, body) => client.POST("/users", { body: body as Schemas["UserCreate"] }),
      echo: (_params, body) => visibleFields(body, requestSchema("createUser")),
      cleanup: (client, _params, answer) =>
        client.DELETE("/users/{userId}", { params: { path: { userId: answer.id as string } } }),
    },
    {
      operationId: "setSetting",
      status: 200,
      input: fc.record({
        params: fc.record({ key: arbitraryFor(parameterSchema("setSetting", "key")) as fc.Arbitrary<string> }),
        body: bodies("setSetting"),
      }),
      call: (client, params, body) =>
        client.PUT("/users/{userId}/settings/{key}", {
          params: { path: { userId, key: params.key } },
          body: body as Schemas["SettingValue"],
        }),
      echo: (params, body) => ({ ...visibleFields(body, requestSchema("setSetting")), key: params.key }),
    },
    {
      operationId: "setLocation",
      status: 200,
      input: bodies("setLocation").map((body) => ({ params: {}, body })),
      call: (client, _params, body) =>
        client.PUT("/users/{userId}/location", { params: { path: { userId } }, body: body as Schemas["Location"] }),
      echo: (_params, body) => visibleFields(body, requestSchema("setLocation")),
    },
    {
      operationId: "installWorkspace",
      status: 201,
      input: fc.record({
        params: fc.record({
          teamId: arbitraryFor(parameterSchema("installWorkspace", "teamId")) as fc.Arbitrary<string>,
        }),
        body: bodies("installWorkspace"),
      }),
      call: (client, params, body) =>
        client.PUT("/workspaces/{teamId}", {
          params: { path: { teamId: params.teamId } },
          body: body as Schemas["WorkspaceInstall"],
        }),
      echo: (params, body) => ({ ...visibleFields(body, requestSchema("installWorkspace")), team_id: params.teamId }),
      cleanup: (client, params) =>
        client.DELETE("/workspaces/{teamId}", { params: { path: { teamId: params.teamId } } }),
    },
  ];

  for (const c of cases) {
    await t.test(`${c.operationId}: ${RUNS} generated requests, each in all three encodings`, async () => {
      const request = requestSchema(c.operationId);
      const response = responseSchema(c.operationId, c.status);
      await fc.assert(
        fc.asyncProperty(c.input, async ({ params, body }) => {
          const answers: Body[] = [];
          for (const encoding of ENCODING_NAMES) {
            const { data, error, response: reply } = await c.call(clients[encoding], params, body);
            assert.equal(reply.status, c.status, `${encoding}: ${JSON.stringify(error)}`);
            assert.equal(essence(wire[encoding].sent), MEDIA_TYPE_OF[encoding], `${encoding} request on the wire`);
            assert.equal(essence(wire[encoding].got), MEDIA_TYPE_OF[encoding], `${encoding} answer on the wire`);
            const answer = data as Body;
            answers.push(answer);
            for (const [name, value] of Object.entries(c.echo(params, body))) {
              assert.deepEqual(answer[name], value, `${encoding}: ${name} as sent`);
            }
            if (c.cleanup) await c.cleanup(clients[encoding], params, answer);
          }
          const [json, msgpack, protobuf] = answers.map((a) => withoutAssignedFields(a, response, request));
          assert.deepEqual(msgpack, json, "MessagePack answer = JSON answer");
          assert.deepEqual(protobuf, json, "protobuf answer = JSON answer");
        }),
        { numRuns: RUNS, includeErrorInReport: true },
      );
    });
  }
});
