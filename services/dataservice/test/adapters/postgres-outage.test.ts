/**
 * A PostgreSQL outage for real: the dataservice reaches PostgreSQL through a TCP proxy the test cuts.
 * While cut it answers 503 DATABASE_DOWN with Retry-After (and does not crash when a connection dies
 * under a running query); once restored it answers again without a restart, on fresh connections.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type TestContext, test } from "node:test";
import { createTokenVerifier } from "@jeeves/service-kit";
import { postgresReachable, startTcpProxy, type TcpProxy, TEST_POSTGRES_URL } from "@jeeves/testing";
import { startTestTokenDealer } from "@jeeves/tokendealer/testing";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { buildApp } from "../../src/app.ts";
import { ALL_SCOPES } from "../helper.ts";

/** Never sent by pg to a trust-auth server, never to be logged. */
const PASSWORD = "not-logged-pw-7c1e";

interface Outage {
  app: FastifyInstance;
  proxy: TcpProxy;
  token: string;
  lines: string[];
}

async function start(t: TestContext): Promise<Outage | undefined> {
  if (!(await postgresReachable())) {
    if (process.env.CI === "true")
      assert.fail(`PostgreSQL not reachable at ${TEST_POSTGRES_URL} (required when CI=true)`);
    t.skip(`PostgreSQL not reachable at ${TEST_POSTGRES_URL}: skipped`);
    return undefined;
  }
  const schema = `jeeves_outage_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client(TEST_POSTGRES_URL);
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const proxy = await startTcpProxy({ host: "127.0.0.1", port: 5432 });
  const dealer = await startTestTokenDealer();
  const client = await dealer.addClient("dataservice-outage-test", ALL_SCOPES, ["dataservice"]);
  const dataDir = await mkdtemp(join(tmpdir(), "dataservice-outage-"));
  const lines: string[] = [];
  const url = `postgres://postgres:${PASSWORD}@127.0.0.1:${proxy.port}/test?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const app = await buildApp({
    databaseUrl: url,
    dataDir,
    encryptionKey: randomBytes(32),
    verifier: createTokenVerifier({ jwksUrl: dealer.jwksUrl, issuer: dealer.url, audience: "dataservice" }),
    logger: { level: "info", stream: { write: (line: string) => lines.push(line) } },
  });
  t.after(async () => {
    await app.close();
    await proxy.close();
    await dealer.close();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
    await rm(dataDir, { recursive: true, force: true });
  });
  await app.ready();
  const token = await dealer.token(client.id, client.secret, "dataservice", ALL_SCOPES);
  return { app, proxy, token, lines };
}

function findOrCreate({ app, token }: Outage, user: string) {
  return app.inject({
    method: "POST",
    url: "/users/find-or-create",
    headers: { authorization: `Bearer ${token}`, accept: "application/json" },
    payload: { slack_team_id: "T0OUTAGE1", slack_user_id: user },
  });
}

test("PostgreSQL cut: 503 DATABASE_DOWN with Retry-After, /ready 503, the cause logged without the password; restored: 200 again", async (t) => {
  const outage = await start(t);
  if (!outage) return;
  const { app, proxy, lines } = outage;
  assert.equal((await findOrCreate(outage, "U0BEFORE1")).statusCode, 201, "up: the pool holds a connection now");

  proxy.cut();
  const down = await findOrCreate(outage, "U0DURING1");
  assert.equal(down.statusCode, 503, down.body);
  assert.equal(down.headers["retry-after"], "5");
  assert.equal(down.headers["content-type"], "application/problem+json");
  assert.equal(down.json().code, "DATASERVICE_ERR_DATABASE_DOWN");
  const ready = await app.inject({ method: "GET", url: "/ready" });
  assert.equal(ready.statusCode, 503);
  assert.equal(ready.headers["retry-after"], "5");
  const failures = lines.filter((line) => line.includes('"request failed"'));
  assert.ok(failures.length >= 2, "each 503 is logged");
  assert.match(
    failures[0],
    /"message":"the database cannot be reached: ((read|write|connect) )?(ECONNRESET|ECONNREFUSED)|"message":"the database cannot be reached: Connection terminated/,
  );
  assert.ok(!lines.some((line) => line.includes(PASSWORD)), "the password is never logged");

  proxy.restore();
  assert.equal((await app.inject({ method: "GET", url: "/ready" })).statusCode, 200, "ready again, no restart");
  assert.equal((await findOrCreate(outage, "U0DURING1")).statusCode, 201);
  assert.equal((await findOrCreate(outage, "U0BEFORE1")).statusCode, 200, "the data from before is there");
});

test("a connection that dies under a running query fails that request with 503, and the process lives on", async (t) => {
  const outage = await start(t);
  if (!outage) return;
  const { app, proxy } = outage;
  assert.equal((await findOrCreate(outage, "U0BEFORE2")).statusCode, 201);
  proxy.stall();
  const sent = proxy.stats().bytesToTarget;
  const running = findOrCreate(outage, "U0RUNNING");
  // The query has reached PostgreSQL's side of the proxy: the connection is checked out, mid-query.
  const deadline = Date.now() + 10_000;
  while (proxy.stats().bytesToTarget === sent) {
    assert.ok(Date.now() < deadline, "the query never left the dataservice");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  proxy.cut();
  const answer = await running;
  assert.equal(answer.statusCode, 503, answer.body);
  assert.equal(answer.headers["retry-after"], "5");
  proxy.restore();
  // The dead connection is not handed out again: the next requests get fresh ones.
  for (const user of ["U0AFTER01", "U0AFTER02", "U0AFTER03"]) {
    assert.equal((await findOrCreate(outage, user)).statusCode, 201);
  }
  assert.equal((await app.inject({ method: "GET", url: "/ready" })).statusCode, 200);
});
