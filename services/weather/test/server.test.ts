import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { Agent, request } from "node:http";
import { connect } from "node:net";
import { describe, type TestContext, test } from "node:test";
import { fileURLToPath } from "node:url";
import { BERLIN_METRIC, type FakeAnswer, type FakeOpenWeatherMap, startFakeOpenWeatherMap } from "../testing/index.ts";
import { API_KEY, sharedDealer } from "./helper.ts";

const cwd = fileURLToPath(new URL("../", import.meta.url));

/** `src/server.ts` as its own process (`node --import tsx`), its output gathered and its exit awaited. */
interface Running {
  child: ChildProcess;
  port: number;
  out: { stdout: string; stderr: string };
  exited: Promise<number | null>;
  /** The JSON log lines so far. */
  lines(): Array<Record<string, unknown>>;
}

/** Resolves when `check()` holds; rejects after `timeoutMs` saying what it waited for. */
async function until(what: string, check: () => boolean, out?: Running["out"], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${out?.stdout}\n${out?.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * An OpenWeatherMap that holds its first answer until the test releases it (the request in flight);
 * every later call is answered at once.
 */
async function heldOpenWeatherMap(t: TestContext) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const answer: FakeAnswer = { status: 200, body: BERLIN_METRIC };
  const fake: FakeOpenWeatherMap = await startFakeOpenWeatherMap(async () => {
    if (fake.calls.length === 1) await released;
    return answer;
  });
  t.after(async () => {
    release();
    await fake.close();
  });
  return { fake, release };
}

async function startWeather(t: TestContext, upstreamUrl: string): Promise<Running> {
  const { dealer } = await sharedDealer();
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: "0",
    HOST: "127.0.0.1",
    TOKENDEALER_URL: dealer.url,
    OPENWEATHER_URL: upstreamUrl,
    OPENWEATHER_API_KEY: API_KEY,
    OPENWEATHER_TIMEOUT_MS: "60000",
    LOG_LEVEL: "info",
  };
  delete env.NODE_TEST_CONTEXT;
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out = { stdout: "", stderr: "" };
  child.stdout.on("data", (chunk) => (out.stdout += chunk));
  child.stderr.on("data", (chunk) => (out.stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  const lines = () =>
    out.stdout
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  await until("the weather service to listen", () => lines().some((l) => l.msg === "weather listening"), out);
  const address = String(lines().find((l) => l.msg === "weather listening")?.address);
  return { child, port: Number(new URL(address).port), out, exited, lines };
}

/** GET /weather on a keep-alive connection (as the services' pooled clients ask), answered in full. */
function askWeather(port: number, token: string, agent: Agent | false) {
  return new Promise<{ status?: number; body: string }>((resolve, reject) => {
    const sent = request(
      {
        host: "127.0.0.1",
        port,
        path: "/weather?location=Berlin",
        headers: { authorization: `Bearer ${token}`, accept: "application/json" },
        agent,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode, body }));
        res.on("error", reject);
      },
    );
    sent.on("error", reject);
    sent.end();
  });
}

/** Whether something accepts a TCP connection on the port now. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("the weather service as its own process, on SIGTERM", () => {
  test("finishes the request in flight, refuses new ones, exits 0 and frees its port", async (t) => {
    const { fake, release } = await heldOpenWeatherMap(t);
    const { token } = await sharedDealer();
    const weather = await startWeather(t, fake.url);
    const agent = new Agent({ keepAlive: true });
    t.after(() => agent.destroy());
    const inFlight = askWeather(weather.port, token, agent);
    await until("the request to reach OpenWeatherMap", () => fake.calls.length === 1, weather.out);

    weather.child.kill("SIGTERM");
    await until(
      "the line saying the signal arrived",
      () =>
        weather.lines().some((l) => l.msg === "SIGTERM: stopping (taking no new work, finishing what is in flight)"),
      weather.out,
    );
    // A new connection after the signal: refused, or answered 503 (never let in to do work).
    const late = await askWeather(weather.port, token, false).then(
      (res) => res.status,
      (error: NodeJS.ErrnoException) => error.code,
    );
    assert.ok(late === "ECONNREFUSED" || late === 503, `a new request after SIGTERM: ${late}`);

    release();
    const answered = await inFlight;
    assert.equal(answered.status, 200, answered.body);
    assert.equal((JSON.parse(answered.body) as { place: string }).place, "Berlin", "the whole answer");
    assert.equal(await weather.exited, 0, `exit 0\n${weather.out.stdout}\n${weather.out.stderr}`);
    assert.equal(await accepts(weather.port), false, "the port is closed");
    const stopped = weather.lines().find((l) => typeof l.msg === "string" && l.msg.startsWith("stopped in "));
    assert.ok(stopped, "one line when stopped");
    assert.equal(stopped.service, "weather");
    assert.equal(fake.calls.length, 1, "the late request never reached OpenWeatherMap");
  });

  test("a second SIGTERM exits with 1 at once, saying what was still open", async (t) => {
    const { fake } = await heldOpenWeatherMap(t);
    const { token } = await sharedDealer();
    const weather = await startWeather(t, fake.url);
    const inFlight = askWeather(weather.port, token, false).catch((error: Error) => error);
    await until("the request to reach OpenWeatherMap", () => fake.calls.length === 1, weather.out);
    weather.child.kill("SIGTERM");
    await until("the line saying the signal arrived", () => weather.out.stdout.includes("SIGTERM: stopping"));
    weather.child.kill("SIGTERM");
    assert.equal(await weather.exited, 1);
    const last = weather.lines().at(-1);
    assert.equal(
      last?.msg,
      "second SIGTERM: exiting now; still open: weather (1 HTTP request in flight), outbound connections",
    );
    assert.ok((await inFlight) instanceof Error, "the held request was cut");
  });
});
