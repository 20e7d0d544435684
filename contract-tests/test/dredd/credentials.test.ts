import assert from "node:assert/strict";
import { test } from "node:test";
import { Authorizer } from "../../src/dredd/hooks/credentials.ts";
import { planOf } from "./helpers.ts";

const ALL = ["users:read", "users:write", "workspaces:read", "workspaces:write", "workspaces:secrets"];

function dataserviceAuthorizer() {
  const minted: string[][] = [];
  const index = planOf("dataservice").index;
  const authorizer = new Authorizer(index, {
    scopes: ALL,
    bearer: async (scopes) => {
      minted.push(scopes);
      return `token(${scopes.join(" ")})`;
    },
  });
  return { authorizer, minted, op: (id: string) => index.operation(id) };
}

test("bearer operations get every scope, no header for 401, every scope but theirs for 403", async () => {
  const { authorizer, minted, op } = dataserviceAuthorizer();
  assert.equal(await authorizer.header(op("getUser"), "valid"), `Bearer token(${ALL.join(" ")})`);
  assert.equal(await authorizer.header(op("getUser"), "unauthenticated"), undefined);
  assert.equal(
    await authorizer.header(op("getUser"), "insufficient"),
    "Bearer token(users:write workspaces:read workspaces:write workspaces:secrets)",
  );
  assert.equal(await authorizer.header(op("listUsers"), "valid"), `Bearer token(${ALL.join(" ")})`);
  assert.equal(minted.length, 2, "a token is minted once per scope set");
});

test("operations without security get no header", async () => {
  const { authorizer, op } = dataserviceAuthorizer();
  assert.equal(await authorizer.header(op("getHealth"), "valid"), undefined);
});

test("HTTP Basic operations get the client's credentials, and a wrong secret for 401", async () => {
  const index = planOf("tokendealer").index;
  const authorizer = new Authorizer(index, { basic: { id: "dredd", secret: "s3cret" } });
  const decode = (header: string | undefined) => Buffer.from(header?.split(" ")[1] ?? "", "base64").toString();
  assert.equal(decode(await authorizer.header(index.operation("issueToken"), "valid")), "dredd:s3cret");
  assert.equal(decode(await authorizer.header(index.operation("issueToken"), "unauthenticated")), "dredd:wrong-s3cret");
  await assert.rejects(authorizer.header(index.operation("issueToken"), "insufficient"), /no 403/);
});

test("an API key scheme the provider signs in prepare gets no header from the hooks; any other is refused", async () => {
  const index = planOf("slackbot").index;
  const receive = index.operation("receiveSlackEvent");
  const signing = new Authorizer(index, { signedByPrepare: ["slackSignature"] });
  assert.equal(await signing.header(receive, "valid"), undefined);
  assert.equal(await signing.header(receive, "unauthenticated"), undefined);
  const unsigned = new Authorizer(index, {});
  await assert.rejects(unsigned.header(receive, "valid"), /slackSignature \(apiKey\) is not supported/);
});
