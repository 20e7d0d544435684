import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, type TestContext, test } from "node:test";
import { type E2e, mention, rabbitReachable, startE2e, waitFor } from "./harness.ts";

type BusKind = "memory" | "rabbitmq";
type Line = Record<string, unknown>;

/** The suite with every service's log lines (JSON, info and up) kept; RabbitMQ without a broker: fails under CI, else skips. */
async function withLoggedSuite(t: TestContext, bus: BusKind, body: (e: E2e, lines: Line[]) => Promise<void>) {
  if (bus === "rabbitmq" && !(await rabbitReachable())) {
    if (process.env.CI === "true") assert.fail("RabbitMQ not reachable at 127.0.0.1:5672 (CI=true)");
    t.skip("RabbitMQ not reachable at 127.0.0.1:5672: skipped");
    return;
  }
  const lines: Line[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line) as Line);
      done();
    },
  });
  await body(await startE2e(t, { bus, logger: { level: "info", stream } }), lines);
}

/** The services whose lines carry `traceId`. */
function servicesIn(lines: Line[], traceId: string): Set<string> {
  return new Set(lines.filter((line) => line.trace_id === traceId).map((line) => String(line.service)));
}

/** Waits until lines of each of `names` (default the slackbot, actions and the dataservice) carry `traceId`. */
async function waitForTrace(lines: Line[], traceId: string, names = ["slackbot", "actions", "dataservice"]) {
  await waitFor(`lines of ${names.join(", ")} with trace ${traceId}`, () => {
    const services = servicesIn(lines, traceId);
    return names.every((name) => services.has(name));
  }).catch((error: unknown) => {
    throw new Error(`${error}; trace ${traceId} seen in: ${[...servicesIn(lines, traceId)].join(", ")}`);
  });
}

const TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

for (const bus of ["memory", "rabbitmq"] as const) {
  describe(`one trace id across the services (${bus === "memory" ? "in-process bus" : "RabbitMQ"})`, () => {
    test("a /chat call: the caller's traceparent is continued by the slackbot, actions and the dataservice", (t) =>
      withLoggedSuite(t, bus, async (e, lines) => {
        const { urls } = e.suite.layout;
        const secretFile = join(e.dataRoot, "tokendealer", "secrets", "jeeves-admin.secret");
        const secret = (await readFile(secretFile, "utf8")).trim();
        const tokenAnswer = await fetch(`${urls.tokendealer}/oauth/token`, {
          method: "POST",
          headers: {
            authorization: `Basic ${Buffer.from(`jeeves-admin:${secret}`).toString("base64")}`,
            "content-type": "application/x-www-form-urlencoded",
          },
          body: new URLSearchParams({ grant_type: "client_credentials", audience: "slackbot" }).toString(),
        });
        const { access_token } = (await tokenAnswer.json()) as { access_token: string };
        const chat = await fetch(`${urls.slackbot}/chat`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${access_token}`,
            "content-type": "application/json",
            accept: "application/json",
            traceparent: `00-${TRACE_ID}-b7ad6b7169203331-01`,
          },
          body: JSON.stringify({ text: "config show", user: "bertie" }),
        });
        assert.equal(chat.status, 200, await chat.clone().text());
        await waitForTrace(lines, TRACE_ID);
        const spans = new Set(lines.filter((line) => line.trace_id === TRACE_ID).map((line) => line.span_id));
        assert.ok(!spans.has("b7ad6b7169203331"), "each service logs its own spans, children of the caller's");
      }));

    test("a signed Slack event: the slackbot's trace reaches actions, the dataservice and weather", (t) =>
      withLoggedSuite(t, bus, async (e, lines) => {
        const answer = await e.sendEvent(mention("weather in Paris"));
        assert.equal(answer.status, 200);
        const requestId = answer.headers.get("x-request-id");
        await e.slack.waitForPosts(1);
        let traceId = "";
        await waitFor("the slackbot's line of the event", () => {
          const line = lines.find((l) => l.request_id === requestId && l.service === "slackbot");
          traceId = String(line?.trace_id ?? "");
          return traceId !== "";
        });
        assert.match(traceId, /^[0-9a-f]{32}$/);
        await waitForTrace(lines, traceId, ["slackbot", "actions", "dataservice", "weather"]);
      }));
  });
}
