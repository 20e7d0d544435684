import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, mock, test } from "node:test";
import { appShutdownStep, closeOnSignals, createApp, requestsInFlight, type ShutdownStep } from "../src/index.ts";
import { echoSpec } from "./helper.ts";

interface Line {
  level: "info" | "error";
  fields: Record<string, unknown>;
  message: string;
}

/** closeOnSignals on a fake process, with its lines and exit codes recorded. */
function harness(steps: ShutdownStep[], graceMs?: number) {
  const source = new EventEmitter();
  const lines: Line[] = [];
  const codes: number[] = [];
  let exited!: () => void;
  const exit = new Promise<void>((resolve) => {
    exited = resolve;
  });
  const handling = closeOnSignals({
    log: {
      info: (fields, message) => void lines.push({ level: "info", fields, message }),
      error: (fields, message) => void lines.push({ level: "error", fields, message }),
    },
    steps,
    graceMs,
    process: source,
    exit: (code) => {
      codes.push(code);
      exited();
    },
    now: () => 0,
  });
  return { source, lines, codes, exit, handling };
}

/** A step that closes when the test says so. */
function heldStep(name: string, detail?: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let started!: () => void;
  const closing = new Promise<void>((resolve) => {
    started = resolve;
  });
  const step: ShutdownStep = {
    name,
    close: async () => {
      started();
      await released;
    },
    detail: detail ? () => detail : undefined,
  };
  return { step, release, closing };
}

describe("closeOnSignals", () => {
  test("SIGTERM closes the steps in order, one line when it arrives and one when stopped, exit 0", async () => {
    const closed: string[] = [];
    const step = (name: string): ShutdownStep => ({ name, close: async () => void closed.push(name) });
    const h = harness([step("weather"), step("outbound connections")]);
    h.source.emit("SIGTERM", "SIGTERM");
    await h.exit;
    assert.deepEqual(closed, ["weather", "outbound connections"]);
    assert.deepEqual(h.codes, [0]);
    assert.deepEqual(
      h.lines.map((line) => [line.level, line.message]),
      [
        ["info", "SIGTERM: stopping (taking no new work, finishing what is in flight)"],
        ["info", "stopped in 0 ms"],
      ],
    );
    assert.equal(h.lines[0].fields.signal, "SIGTERM");
  });

  test("a second signal exits with 1 at once, naming what is still open", async (t) => {
    const first = heldStep("weather", "1 HTTP request in flight");
    t.after(first.release);
    const h = harness([first.step, { name: "bus", close: async () => {} }]);
    h.source.emit("SIGINT", "SIGINT");
    await first.closing;
    h.source.emit("SIGINT", "SIGINT");
    await h.exit;
    assert.deepEqual(h.codes, [1]);
    const last = h.lines.at(-1)!;
    assert.equal(last.level, "error");
    assert.equal(last.message, "second SIGINT: exiting now; still open: weather (1 HTTP request in flight), bus");
    first.release();
  });

  test("past the grace period it exits with 1, naming what is still open", async (t) => {
    mock.timers.enable({ apis: ["setTimeout"] });
    t.after(() => mock.timers.reset());
    const first = heldStep("actions", "its resources (bus handlers, database, Redis)");
    t.after(first.release);
    const h = harness([first.step], 10_000);
    h.source.emit("SIGTERM", "SIGTERM");
    await first.closing;
    mock.timers.tick(9_999);
    assert.deepEqual(h.codes, [], "not before the grace period");
    mock.timers.tick(1);
    await h.exit;
    assert.deepEqual(h.codes, [1]);
    assert.equal(
      h.lines.at(-1)!.message,
      "not stopped within 10 s: exiting now; still open: actions (its resources (bus handlers, database, Redis))",
    );
    first.release();
  });

  test("a step that fails is logged, the next ones still close, and the exit code is 1", async () => {
    const closed: string[] = [];
    const h = harness([
      { name: "dataservice", close: async () => Promise.reject(new Error("pool already ended")) },
      { name: "outbound connections", close: async () => void closed.push("outbound connections") },
    ]);
    h.source.emit("SIGTERM", "SIGTERM");
    await h.exit;
    assert.deepEqual(closed, ["outbound connections"]);
    assert.deepEqual(h.codes, [1]);
    assert.ok(h.lines.some((line) => line.message === "dataservice did not close cleanly: pool already ended"));
  });

  test("uninstall removes the listeners", () => {
    const h = harness([]);
    h.handling.uninstall();
    for (const event of ["SIGTERM", "SIGINT", "uncaughtException", "unhandledRejection"]) {
      assert.equal(h.source.listenerCount(event), 0, event);
    }
  });
});

describe("an app's close with requests in flight", () => {
  test("the request in flight gets its whole answer with Connection: close, and the close waits for it", async (t) => {
    const app = await createApp({ name: "held", spec: echoSpec, logger: false });
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let arrived!: () => void;
    const inHandler = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    app.get("/held", async () => {
      arrived();
      await released;
      return { done: true };
    });
    t.after(() => app.close());
    await app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = app.server.address() as AddressInfo;
    const answer = new Promise<{ status?: number; connection?: string; body: string }>((resolve, reject) => {
      // A keep-alive request, as a service's pooled client sends it.
      const sent = request({ port, host: "127.0.0.1", path: "/held", headers: { connection: "keep-alive" } }, (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode, connection: res.headers.connection, body }));
      });
      sent.on("error", reject);
      sent.end();
    });
    await inHandler;
    assert.equal(requestsInFlight(app), 1);
    const step = appShutdownStep("held", app);
    assert.equal(step.detail?.(), "1 HTTP request in flight");
    let closed = false;
    const closing = step.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(closed, false, "close waits for the request in flight");
    release();
    const got = await answer;
    await closing;
    assert.equal(got.status, 200);
    assert.deepEqual(JSON.parse(got.body), { done: true });
    assert.equal(got.connection, "close", "no keep-alive that would hold the close until its timeout");
    assert.equal(requestsInFlight(app), 0);
  });
});
