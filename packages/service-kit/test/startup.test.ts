import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { assertStartupFailure, hasStackLine, occupyPort, runEntryPoint } from "@jeeves/testing";
import {
  ConfigError,
  connectWithRetry,
  createApp,
  createLogger,
  DEFAULT_CONNECT_RETRY,
  defineErrors,
  errorText,
  failureReason,
  isTransientConnectError,
  listenFailure,
  readLogLevel,
  runMain,
  StartupError,
  startServer,
  startupFailureLines,
} from "../src/index.ts";

const refused = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
const URL_WITH_PASSWORD = "postgres://jeeves:hunter2@db.test:5432/jeeves";

/** A fake sleep that records the waits; never waits. */
function recordedSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe("connectWithRetry", () => {
  test("tries again with a doubling wait, capped, one warning per failed attempt, then names the variable", async () => {
    const { waits, sleep } = recordedSleep();
    const warnings: Array<{ fields: Record<string, unknown>; message: string }> = [];
    let clock = 0;
    let attempts = 0;
    const failure = await connectWithRetry({
      variable: "DATABASE_URL",
      url: URL_WITH_PASSWORD,
      retry: { attempts: 6, delayMs: 500, maxDelayMs: 3000 },
      logger: { warn: (fields, message) => warnings.push({ fields, message }) },
      connect: async () => {
        attempts += 1;
        clock += 100;
        throw refused();
      },
      sleep,
      now: () => clock,
    }).catch((error: unknown) => error);
    assert.equal(attempts, 6);
    assert.deepEqual(waits, [500, 1000, 2000, 3000, 3000]);
    assert.equal(warnings.length, 6);
    assert.equal(
      warnings[0]?.message,
      "DATABASE_URL: cannot connect to postgres://jeeves:[redacted]@db.test:5432/jeeves (ECONNREFUSED); attempt 1 of 6, next in 0.5 s",
    );
    assert.deepEqual(warnings[0]?.fields, { variable: "DATABASE_URL", attempt: 1, attempts: 6, error: "ECONNREFUSED" });
    assert.match(warnings[5]?.message ?? "", /attempt 6 of 6, giving up$/);
    assert.ok(failure instanceof StartupError);
    assert.equal(failure.variable, "DATABASE_URL");
    assert.equal(
      failure.message,
      "DATABASE_URL: cannot connect to postgres://jeeves:[redacted]@db.test:5432/jeeves (ECONNREFUSED) after 6 attempts in 0.6 s",
    );
    assert.ok(!JSON.stringify(warnings).includes("hunter2"));
  });

  test("answers what the first successful attempt gives", async () => {
    const { waits, sleep } = recordedSleep();
    let attempts = 0;
    const value = await connectWithRetry({
      variable: "BUS_URL",
      url: "amqp://127.0.0.1",
      connect: async () => {
        attempts += 1;
        if (attempts < 3) throw refused();
        return "connected";
      },
      sleep,
    });
    assert.equal(value, "connected");
    assert.deepEqual(waits, [DEFAULT_CONNECT_RETRY.delayMs, DEFAULT_CONNECT_RETRY.delayMs * 2]);
  });

  test("gives up at once on a failure that waiting does not fix (a wrong password)", async () => {
    const { waits, sleep } = recordedSleep();
    const wrongPassword = Object.assign(new Error('password authentication failed for user "jeeves"'), {
      code: "28P01",
    });
    await assert.rejects(
      connectWithRetry({
        variable: "DATABASE_URL",
        url: URL_WITH_PASSWORD,
        connect: () => Promise.reject(wrongPassword),
        sleep,
      }),
      (error: unknown) => {
        assert.ok(error instanceof StartupError);
        assert.equal(
          error.message,
          'DATABASE_URL: postgres://jeeves:[redacted]@db.test:5432/jeeves: password authentication failed for user "jeeves" (28P01)',
        );
        return true;
      },
    );
    assert.deepEqual(waits, []);
  });

  test("knows which failures a peer that is starting gives", () => {
    assert.ok(isTransientConnectError(refused()));
    assert.ok(isTransientConnectError(Object.assign(new Error("starting up"), { code: "57P03" })));
    assert.ok(isTransientConnectError(new Error("Socket closed abruptly during opening handshake")));
    assert.ok(!isTransientConnectError(Object.assign(new Error("no such database"), { code: "3D000" })));
    assert.ok(!isTransientConnectError(new Error("ACCESS_REFUSED")));
  });
});

describe("startupFailureLines", () => {
  test("one line per kind of failure, prefixed with the name; the stack only when asked", () => {
    const startup = new StartupError(
      "BUS_URL",
      "BUS_URL: cannot connect to amqp://h (ECONNREFUSED) after 5 attempts in 8 s",
    );
    assert.deepEqual(startupFailureLines("actions", startup), [
      "actions: BUS_URL: cannot connect to amqp://h (ECONNREFUSED) after 5 attempts in 8 s",
    ]);
    assert.deepEqual(startupFailureLines("x", new ConfigError(['LOG_LEVEL="verbose": must be one of a, b'])), [
      'x: invalid configuration: LOG_LEVEL="verbose": must be one of a, b',
    ]);
    assert.deepEqual(startupFailureLines("x", new ConfigError(["A is required", "B=(secret): bad"])), [
      "x: invalid configuration:",
      "  - A is required",
      "  - B=(secret): bad",
    ]);
    const ERR = defineErrors("TOKENDEALER", { KEYS: { status: 500, title: "Unreadable key file" } });
    assert.deepEqual(startupFailureLines("tokendealer", ERR.KEYS({ detail: "/k.json is not JSON" })), [
      "tokendealer: Unreadable key file: /k.json is not JSON (TOKENDEALER_ERR_KEYS)",
    ]);
    const odd = new Error("cannot reach redis://:hunter2@cache:6379\n    at somewhere");
    assert.deepEqual(startupFailureLines("x", odd), [
      "x: could not start: cannot reach redis://:[redacted]@cache:6379",
    ]);
    const withStack = startupFailureLines("x", odd, { stack: true });
    assert.ok(hasStackLine(withStack.join("\n")));
    assert.ok(!withStack.join("\n").includes("hunter2"));
    assert.equal(withStack.at(-1), "x: could not start: cannot reach redis://:[redacted]@cache:6379");
  });

  test("a system error that is not a connection keeps its message (the path of an EACCES)", () => {
    const denied = Object.assign(new Error("EACCES: permission denied, mkdir '/srv/jeeves'"), { code: "EACCES" });
    assert.deepEqual(startupFailureLines("x", denied), [
      "x: could not start: EACCES: permission denied, mkdir '/srv/jeeves'",
    ]);
    assert.equal(
      errorText(Object.assign(new Error("no such database"), { code: "3D000" })),
      "no such database (3D000)",
    );
  });

  test("failureReason: a system code alone, otherwise the message and its code", () => {
    assert.equal(failureReason(refused()), "ECONNREFUSED");
    assert.equal(
      failureReason(Object.assign(new Error("no such database"), { code: "3D000" })),
      "no such database (3D000)",
    );
    assert.equal(failureReason(new AggregateError([], "")), "unknown error");
    assert.equal(failureReason("text"), "text");
  });
});

describe("runMain", () => {
  test("prints the lines and exits with 1 when the start fails; nothing when it works", async () => {
    const written: string[] = [];
    const exits: number[] = [];
    const io = {
      write: (text: string) => void written.push(text),
      exit: (code: number) => void exits.push(code),
      env: {},
    };
    await runMain("ok", async () => {}, io);
    assert.deepEqual([written, exits], [[], []]);
    await runMain("svc", () => Promise.reject(new StartupError("PORT", "PORT=1: in use")), io);
    assert.deepEqual(written, ["svc: PORT=1: in use\n"]);
    assert.deepEqual(exits, [1]);
  });

  test("adds the stack at LOG_LEVEL=debug, never at info or with a LOG_LEVEL that is not a level", async () => {
    for (const [level, stack] of [
      ["debug", true],
      ["trace", true],
      ["info", false],
      ["verbose", false],
    ] as const) {
      const written: string[] = [];
      await runMain("svc", () => Promise.reject(new Error("boom")), {
        write: (text) => void written.push(text),
        exit: () => {},
        env: { LOG_LEVEL: level },
      });
      assert.equal(hasStackLine(written.join("")), stack, level);
      assert.match(written.join(""), /svc: could not start: boom\n$/);
    }
  });
});

describe("listening", () => {
  test("listenFailure names the variable of a port in use, not allowed, or a host that is not there", () => {
    const where = { port: 3001, host: "127.0.0.1", portVariable: "DATASERVICE_PORT", hostVariable: "JEEVES_HOST" };
    const code = (c: string) => Object.assign(new Error(c), { code: c });
    const messages = ["EADDRINUSE", "EACCES", "EADDRNOTAVAIL", "ENOTFOUND"].map(
      (c) => (listenFailure(code(c), where) as Error).message,
    );
    assert.deepEqual(messages, [
      "DATASERVICE_PORT=3001: 127.0.0.1:3001 is already in use (set DATASERVICE_PORT to a free port)",
      "DATASERVICE_PORT=3001: not allowed to listen on 127.0.0.1:3001 (EACCES; set DATASERVICE_PORT to a port above 1023)",
      "JEEVES_HOST=127.0.0.1: not an address of this machine (EADDRNOTAVAIL)",
      "JEEVES_HOST=127.0.0.1: cannot resolve this name (ENOTFOUND)",
    ]);
    const other = new Error("other");
    assert.equal(listenFailure(other, where), other);
    assert.match(
      (listenFailure(code("EADDRINUSE"), { port: 80, host: "::1" }) as Error).message,
      /^PORT=80: \[::1\]:80 /,
    );
  });

  test("startServer on a port in use throws a StartupError naming PORT, and closes the app", async (t) => {
    const held = await occupyPort();
    t.after(() => held.close());
    const app = await createApp({
      name: "x",
      spec: { openapi: "3.0.3", info: { title: "x", version: "1" }, paths: {} },
      logger: false,
    });
    let closed = false;
    app.addHook("onClose", async () => {
      closed = true;
    });
    await assert.rejects(startServer(app, { port: held.port, host: "127.0.0.1" }), (error: unknown) => {
      assert.ok(error instanceof StartupError);
      assert.equal(error.variable, "PORT");
      assert.equal(
        error.message,
        `PORT=${held.port}: 127.0.0.1:${held.port} is already in use (set PORT to a free port)`,
      );
      return true;
    });
    assert.ok(closed, "the app's resources are let go");
  });
});

describe("LOG_LEVEL", () => {
  test("is one of pino's levels, info by default; anything else is a ConfigError naming it", () => {
    assert.equal(readLogLevel({}), "info");
    assert.equal(readLogLevel({ LOG_LEVEL: "debug" }), "debug");
    assert.throws(
      () => readLogLevel({ LOG_LEVEL: "verbose" }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.problems, [
          'LOG_LEVEL="verbose": must be one of fatal, error, warn, info, debug, trace, silent',
        ]);
        return true;
      },
    );
  });

  test("createApp and createLogger refuse a LOG_LEVEL that is not a level, naming it", async (t) => {
    const saved = process.env.LOG_LEVEL;
    t.after(() => {
      if (saved === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = saved;
    });
    process.env.LOG_LEVEL = "verbose";
    await assert.rejects(
      createApp({ name: "x", spec: { openapi: "3.0.3", info: { title: "x", version: "1" }, paths: {} } }),
      /LOG_LEVEL="verbose"/,
    );
    assert.throws(() => createLogger("x"), /LOG_LEVEL="verbose"/);
    assert.equal(createLogger("x", { level: "warn" }).level, "warn", "a level given in the code wins");
  });
});

describe("a failing start, as a process", () => {
  const cwd = fileURLToPath(new URL("./fixtures/", import.meta.url));
  const run = (env: Record<string, string>) =>
    runEntryPoint("failing-start.ts", { cwd, env: { LOG_LEVEL: "info", ...env } });

  test("a connection that never comes: a line per attempt, then one line naming DATABASE_URL, exit 1", async () => {
    const result = await run({ FIXTURE_FAILURE: "connect" });
    const last = assertStartupFailure(result, { name: "fixture", variable: "DATABASE_URL", secrets: ["hunter2"] });
    assert.match(
      last,
      /cannot connect to postgres:\/\/jeeves:\[redacted\]@127\.0\.0\.1:1\/jeeves \(ECONNREFUSED\) after 2 attempts/,
    );
    assert.match(result.stdout, /attempt 1 of 2, next in/);
    assert.match(result.stdout, /attempt 2 of 2, giving up/);
  });

  test("a port in use names PORT", async (t) => {
    const held = await occupyPort();
    t.after(() => held.close());
    const result = await run({ FIXTURE_FAILURE: "port", PORT: String(held.port) });
    assertStartupFailure(result, { name: "fixture", variable: `PORT=${held.port}` });
  });

  test("LOG_LEVEL=verbose names LOG_LEVEL", async () => {
    const result = await run({ FIXTURE_FAILURE: "log-level", LOG_LEVEL: "verbose" });
    const last = assertStartupFailure(result, { name: "fixture", variable: "LOG_LEVEL" });
    assert.match(last, /"verbose": must be one of fatal, error, warn, info, debug, trace, silent$/);
  });

  test("anything else is one line too, without its stack", async () => {
    const result = await run({ FIXTURE_FAILURE: "other" });
    assert.equal(result.code, 1);
    assert.equal(result.stderr, "fixture: could not start: something nobody foresaw\n");
  });
});
