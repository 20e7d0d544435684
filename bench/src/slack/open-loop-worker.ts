import { Agent, request } from "node:http";
import { monotonicMs, pacerClock } from "./clock.ts";
import type { OpenLoopConfig, OpenLoopOutcome, OpenLoopRequests } from "./open-loop-types.ts";
import { fixedRateSchedule, runPacer } from "./pacing.ts";
import { eventTs, signEvent, slackEvent } from "./signed-event.ts";

/**
 * The load process of {@link runOpenLoop} (run pinned with taskset): reads an OpenLoopConfig as JSON on
 * stdin, sends its requests at the fixed rate with a keep-alive agent, and writes an OpenLoopOutcome as
 * JSON on stdout. Bodies are built and signed before the first send, so the pacing loop only writes.
 */

interface Prepared {
  key: string;
  headers: Record<string, string>;
  payload: string;
}

function prepare(requests: OpenLoopRequests, total: number): Prepared[] {
  const nowSeconds = Math.floor(Date.now() / 1000);
  const prepared: Prepared[] = [];
  for (let i = 0; i < total; i += 1) {
    if (requests.kind === "slack-event") {
      const seq = requests.firstSeq + i;
      const body = slackEvent({ text: requests.text, seq, run: requests.run, nowSeconds });
      prepared.push({ key: eventTs(nowSeconds, seq), ...signEvent(requests.signingSecret, body, nowSeconds) });
    } else {
      const payload = JSON.stringify({ text: requests.text, user: requests.user });
      prepared.push({
        key: String(i),
        payload,
        headers: {
          "content-type": "application/json",
          accept: "application/json",
          authorization: `Bearer ${requests.token}`,
          "content-length": String(Buffer.byteLength(payload)),
        },
      });
    }
  }
  return prepared;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function main(): Promise<void> {
  const config = JSON.parse(await readStdin()) as OpenLoopConfig;
  const schedule = fixedRateSchedule(config.rate, config.durationSeconds);
  const timeoutMs = config.timeoutMs ?? 10_000;
  const prepared = prepare(config.requests, schedule.total);
  const agent = new Agent({ keepAlive: true, maxSockets: config.maxSockets ?? 256 });
  const target = new URL(config.requests.url);
  const outcome: OpenLoopOutcome = {
    dueAt: new Array(schedule.total).fill(0),
    keys: prepared.map((p) => p.key),
    latencyMs: new Array(schedule.total).fill(-1),
    status: new Array(schedule.total).fill(0),
    errors: {},
    maxLagMs: 0,
  };
  let pending = 0;
  let allSent = false;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const settle = (i: number, status: number, error?: string) => {
    outcome.status[i] = status;
    if (error) outcome.errors[error] = (outcome.errors[error] ?? 0) + 1;
    else outcome.latencyMs[i] = monotonicMs() - outcome.dueAt[i];
    pending -= 1;
    if (allSent && pending === 0) finish();
  };
  const send = (i: number, dueAt: number) => {
    outcome.dueAt[i] = dueAt;
    pending += 1;
    let settled = false;
    const once = (status: number, error?: string) => {
      if (settled) return;
      settled = true;
      settle(i, status, error);
    };
    const { payload, headers } = prepared[i];
    const call = request(
      { host: target.hostname, port: target.port, path: target.pathname, method: "POST", headers, agent },
      (response) => {
        const status = response.statusCode ?? 0;
        response.on("data", () => {});
        response.on("end", () => once(status, status === 200 ? undefined : `HTTP ${status}`));
        response.on("error", (error) => once(0, (error as NodeJS.ErrnoException).code ?? error.message));
      },
    );
    call.setTimeout(timeoutMs, () => {
      once(0, "timeout");
      call.destroy();
    });
    call.on("error", (error) => once(0, (error as NodeJS.ErrnoException).code ?? error.message));
    call.end(payload);
  };
  const run = await runPacer(schedule, pacerClock, send);
  outcome.maxLagMs = run.maxLagMs;
  allSent = true;
  if (pending > 0) await finished;
  agent.destroy();
  process.stdout.write(JSON.stringify(outcome));
}

main().catch((error: unknown) => {
  process.stderr.write(`open-loop worker: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
