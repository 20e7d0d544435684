/**
 * Fault: PostgreSQL unreachable for 5 s. The whole suite runs on RabbitMQ and a fresh PostgreSQL
 * database that the dataservice reaches through a TCP proxy the test controls; Slack events are sent
 * before, during and after the outage. During it the dataservice answers 503 with Retry-After (and
 * /ready says 503); afterwards it is ready again without a restart, and every event is answered
 * exactly once, correctly (actions waits out the Retry-After instead of apologising).
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import { createTokenProvider } from "@jeeves/client-kit";
import { postgresReachable, startTcpProxy, TEST_POSTGRES_URL } from "@jeeves/testing";
import pg from "pg";
import { mention, rabbitReachable, sleep, startE2e, waitFor } from "../harness.ts";

/** Events sent in all: a fifth before the outage, three fifths during it, a fifth after. */
const EVENTS = 50;
/** The fault: how long PostgreSQL cannot be reached (the test's own timer, not an assertion). */
const OUTAGE_MS = 5000;
/** Bounded waits: generous, a loaded machine is slow, not broken. */
const WAIT_MS = 90_000;

test("PostgreSQL unreachable for 5 s: 503 with Retry-After, recovery without a restart, every message answered once", {
  timeout: 240_000,
}, async (t) => {
  const missing = [
    ...((await postgresReachable()) ? [] : [`PostgreSQL at ${TEST_POSTGRES_URL}`]),
    ...((await rabbitReachable()) ? [] : ["RabbitMQ at 127.0.0.1:5672"]),
  ];
  if (missing.length > 0) {
    if (process.env.CI === "true") assert.fail(`not reachable (required when CI=true): ${missing.join(", ")}`);
    t.skip(`not reachable: ${missing.join(", ")}: skipped`);
    return;
  }

  // A fresh database per run, reached through the proxy; dropped after the suite is closed.
  const database = `jeeves_fault_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client(TEST_POSTGRES_URL);
  await admin.connect();
  await admin.query(`create database ${database}`);
  const postgres = new URL(TEST_POSTGRES_URL);
  const proxy = await startTcpProxy({ host: postgres.hostname, port: Number(postgres.port || 5432) });
  t.after(async () => {
    await proxy.close();
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  });
  const e = await startE2e(t, {
    bus: "rabbitmq",
    env: { DATABASE_URL: `postgres://${postgres.username}@127.0.0.1:${proxy.port}/${database}` },
  });
  const { urls } = e.suite.layout;

  // A message before the fault: the slackbot caches the workspace's bot token (its reads of the
  // dataservice are not under test here).
  const warmUp = mention("help");
  assert.equal((await e.sendEvent(warmUp)).status, 200);
  await waitFor("the warm-up answer", () => e.slack.posts.some((p) => p.thread_ts === warmUp.event.ts), WAIT_MS);

  // The administrator's client, to ask the dataservice itself during the outage (tokens come from the
  // TokenDealer, which does not need the database).
  const adminSecret = (
    await readFile(join(e.dataRoot, "tokendealer", "secrets", "jeeves-admin.secret"), "utf8")
  ).trim();
  const adminToken = await createTokenProvider({
    tokendealerUrl: urls.tokendealer,
    clientId: "jeeves-admin",
    clientSecret: adminSecret,
    audience: "dataservice",
  }).token();
  const askDataservice = (path: string) =>
    fetch(`${urls.dataservice}${path}`, {
      headers: { authorization: `Bearer ${adminToken}`, accept: "application/json" },
    });

  const sent: { thread: string; expected: string }[] = [];
  let acknowledged = 0;
  const send = async (index: number) => {
    const units = index % 2 === 0 ? "metric" : "imperial";
    const event = mention(`config set units ${units}`, { user: `U0FAULT${String(index).padStart(3, "0")}` });
    sent.push({ thread: event.event.ts, expected: `units is now ${units}.` });
    if ((await e.sendEvent(event)).status === 200) acknowledged += 1;
  };
  const before = EVENTS / 5;
  const during = (EVENTS * 3) / 5;
  let index = 0;
  for (; index < before; index += 1) {
    await send(index);
    await sleep(50);
  }

  proxy.cut();
  const outageEnds = Date.now() + OUTAGE_MS;
  const down = await askDataservice("/workspaces/T0E2E0001");
  assert.equal(down.status, 503, "a dataservice request during the outage");
  assert.equal(down.headers.get("retry-after"), "5");
  assert.match(down.headers.get("content-type") ?? "", /^application\/problem\+json/);
  assert.equal(((await down.json()) as { code?: string }).code, "DATASERVICE_ERR_DATABASE_DOWN");
  const notReady = await fetch(`${urls.dataservice}/ready`);
  assert.equal(notReady.status, 503, "/ready during the outage");
  assert.ok(notReady.headers.get("retry-after"));
  for (; index < before + during; index += 1) {
    await send(index);
    await sleep(Math.max(0, (outageEnds - Date.now()) / (before + during - index)));
  }
  await sleep(Math.max(0, outageEnds - Date.now()));
  proxy.restore();

  for (; index < EVENTS; index += 1) {
    await send(index);
    await sleep(50);
  }
  await waitFor(
    "/ready 200 again, without a restart",
    async () => (await fetch(`${urls.dataservice}/ready`)).status === 200,
    WAIT_MS,
  );
  assert.equal((await askDataservice("/workspaces/T0E2E0001")).status, 200);

  const postsIn = (thread: string) =>
    e.slack.posts.filter((p) => p.thread_ts === thread && p.status === 200 && p.ts !== undefined);
  await waitFor("an answer to every event", () => sent.every((s) => postsIn(s.thread).length > 0), WAIT_MS).catch(
    () => {}, // counted below: the assertions name what is missing
  );
  // Room for a duplicate to show up before counting.
  await sleep(1000);
  const answered = sent.filter((s) => postsIn(s.thread).length > 0).length;
  const duplicated = sent.filter((s) => postsIn(s.thread).length > 1).length;
  const lost = sent.length - answered;
  const wrong = sent.filter((s) => postsIn(s.thread).some((p) => p.text !== s.expected));
  t.diagnostic(
    `sent=${sent.length} acknowledged=${acknowledged} answered=${answered} duplicated=${duplicated} lost=${lost} wrong=${wrong.length} proxy=${JSON.stringify(proxy.stats())}`,
  );
  assert.equal(acknowledged, sent.length, "every event acknowledged (200)");
  assert.equal(lost, 0, "no event unanswered");
  assert.equal(duplicated, 0, "no event answered twice");
  assert.deepEqual(
    wrong.map((s) => ({ expected: s.expected, got: postsIn(s.thread).map((p) => p.text) })),
    [],
    "every answer is the right one (no apology)",
  );
  assert.equal(await e.deadLetters("actions"), 0);
  assert.equal(await e.deadLetters("slackbot"), 0);
});
