import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:net";

/** How an entry point ended. */
export interface EntryPointRun {
  /** The exit code (null when a signal ended it). */
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a TypeScript entry point (`src/server.ts`, the suite's `src/main.ts`) as `npm start` does
 * (`node --import tsx <script>` in `cwd`) with `env` over this process's environment, and answers how it
 * ended. Killed, and rejected, when it has not exited within `timeoutMs` (default 60 s).
 */
export function runEntryPoint(
  script: string,
  options: { cwd: string; env: Record<string, string>; timeoutMs?: number },
): Promise<EntryPointRun> {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  // The test runner's marker would make a child that imports node:test report to it.
  delete env.NODE_TEST_CONTEXT;
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: options.cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out = { stdout: "", stderr: "" };
  child.stdout.on("data", (chunk) => (out.stdout += chunk));
  child.stderr.on("data", (chunk) => (out.stderr += chunk));
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${script} did not exit within ${timeoutMs} ms:\n${out.stdout}\n${out.stderr}`));
    }, timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, ...out });
    });
  });
}

/** Whether the text has a line of a stack trace (`    at fn (file:1:2)`). */
export function hasStackLine(text: string): boolean {
  return text.split("\n").some((line) => line.startsWith(" ") && line.trimStart().startsWith("at "));
}

/**
 * Asserts a start that failed as a person should see it: exit code 1, no stack trace line in stdout or
 * stderr, none of `secrets` anywhere, and stderr's last line starting with `name: ` and naming
 * `variable`. Answers that last line.
 */
export function assertStartupFailure(
  run: EntryPointRun,
  expected: { name: string; variable: string; secrets?: string[] },
): string {
  const shown = `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
  assert.equal(run.code, 1, `exit code 1\n${shown}`);
  assert.ok(!hasStackLine(run.stdout), `no stack trace on stdout\n${shown}`);
  assert.ok(!hasStackLine(run.stderr), `no stack trace on stderr\n${shown}`);
  for (const secret of expected.secrets ?? []) {
    assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), `never shows ${secret}\n${shown}`);
  }
  const lines = run.stderr.split("\n").filter((line) => line.trim() !== "");
  const last = lines.at(-1) ?? "";
  assert.ok(last.startsWith(`${expected.name}: `), `the last line starts with "${expected.name}: "\n${shown}`);
  assert.ok(last.includes(expected.variable), `the last line names ${expected.variable}\n${shown}`);
  return last;
}

/** A TCP server listening on a free port of 127.0.0.1, to make a port "already in use". */
export async function occupyPort(): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * Runs a bus service's `src/server.ts` (in `cwd`) with a BUS_URL where no broker listens and two connect
 * attempts, and asserts what its user reads: a line per attempt, then one line naming BUS_URL with the
 * password redacted, and exit 1.
 */
export async function assertBusUrlStartupFailure(name: string, cwd: string): Promise<void> {
  const run = await runEntryPoint("src/server.ts", {
    cwd,
    env: {
      BUS_URL: "amqp://guest:secret-pw@127.0.0.1:1",
      PORT: "0",
      LOG_LEVEL: "info",
      STARTUP_CONNECT_ATTEMPTS: "2",
      STARTUP_CONNECT_DELAY_MS: "10",
    },
  });
  const last = assertStartupFailure(run, { name, variable: "BUS_URL", secrets: ["secret-pw"] });
  assert.match(
    last,
    new RegExp(
      `^${name}: BUS_URL: cannot connect to amqp://guest:\\[redacted\\]@127\\.0\\.0\\.1:1 \\(ECONNREFUSED\\) after 2 attempts in [\\d.]+ s$`,
    ),
  );
  assert.match(run.stdout, /BUS_URL: cannot connect to .+ attempt 1 of 2, next in/);
  assert.match(run.stdout, /BUS_URL: cannot connect to .+ attempt 2 of 2, giving up/);
}

/**
 * Runs a service's `src/server.ts` (in `cwd`, with `env` for what else it needs) with a REDIS_URL where
 * nothing listens and two connect attempts, and asserts what its user reads: a line per attempt, then
 * one line naming REDIS_URL with the password redacted, and exit 1.
 */
export async function assertRedisUrlStartupFailure(
  name: string,
  cwd: string,
  env: Record<string, string> = {},
): Promise<void> {
  const run = await runEntryPoint("src/server.ts", {
    cwd,
    env: {
      PORT: "0",
      LOG_LEVEL: "info",
      STARTUP_CONNECT_ATTEMPTS: "2",
      STARTUP_CONNECT_DELAY_MS: "10",
      ...env,
      REDIS_URL: "redis://:secret-pw@127.0.0.1:1",
    },
  });
  const last = assertStartupFailure(run, { name, variable: "REDIS_URL", secrets: ["secret-pw"] });
  assert.match(
    last,
    new RegExp(
      `^${name}: REDIS_URL: cannot connect to redis://:\\[redacted\\]@127\\.0\\.0\\.1:1 \\(ECONNREFUSED\\) after 2 attempts in [\\d.]+ s$`,
    ),
  );
  assert.match(run.stdout, /REDIS_URL: cannot connect to .+ attempt 1 of 2, next in/);
}
