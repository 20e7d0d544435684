import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { freePort } from "@jeeves/prism";

const SUITE_DIR = fileURLToPath(new URL("../", import.meta.url));
const TSX = fileURLToPath(new URL("../../../node_modules/.bin/tsx", import.meta.url));

/** Runs a script of the suite like `npm start` / `npm run chat` do, collecting its output. */
function run(script: string, env: Record<string, string>, input?: string) {
  const child = spawn(TSX, [script], {
    cwd: SUITE_DIR,
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const out = { stdout: "", stderr: "" };
  child.stdout.on("data", (chunk) => (out.stdout += chunk));
  child.stderr.on("data", (chunk) => (out.stderr += chunk));
  if (input !== undefined) child.stdin.end(input);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, out, exited };
}

async function until(what: string, check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("a terminal session: npm start, then npm run chat", () => {
  test("help, config with an unknown key, units imperial, config show, weather in Paris, alerts on 08:00 answer as a person expects; Ctrl-C stops the suite", async (t) => {
    const dataRoot = await mkdtemp(join(tmpdir(), "jeeves-terminal-"));
    const env = {
      JEEVES_DATA_DIR: `${dataRoot}/`,
      // Port 0 everywhere: each service (and the mock) listens on a port of its own choosing, none taken
      // by another process between a free-port check and the listen; the summary says which.
      TOKENDEALER_PORT: "0",
      DATASERVICE_PORT: "0",
      SLACKBOT_PORT: "0",
      ACTIONS_PORT: "0",
      WEATHER_PORT: "0",
      SCHEDULER_PORT: "0",
      DASHBOARD_PORT: "0",
      OPENWEATHER_MOCK_PORT: "0",
      OPENWEATHER_API_KEY: "",
      OPENWEATHER_URL: "",
      BUS_URL: "",
      DATABASE_URL: "",
      JEEVES_CHAT_USER: "bertie",
    };
    let server: ChildProcess | undefined;
    t.after(async () => {
      server?.kill("SIGKILL");
      await rm(dataRoot, { recursive: true, force: true });
    });
    const start = run("src/main.ts", env);
    server = start.child;
    await until("the summary", () => start.out.stderr.includes("Talk to Jeeves now"));
    assert.match(start.out.stderr, /Weather: demo data from the OpenWeatherMap mock/);
    // How the first admin logs in to the dashboard: the password's file, never the password.
    const login =
      /dashboard\s+http:\/\/127\.0\.0\.1:\d+\s+log in as admin@jeeves\.local with the password in (\S+) \(JEEVES_ADMIN_PASSWORD chooses it on a fresh data folder\)/.exec(
        start.out.stderr,
      );
    assert.ok(login, `the summary says how the admin logs in: ${start.out.stderr}`);
    assert.equal(login[1], join(dataRoot, "secrets", "admin-password"));
    const adminPassword = (await readFile(login[1], "utf8")).trim();
    assert.ok(adminPassword.length >= 24);
    assert.ok(!`${start.out.stderr}${start.out.stdout}`.includes(adminPassword), "the password is never printed");
    const portOf = (name: string) => {
      const port = new RegExp(`${name}\\s+http://127\\.0\\.0\\.1:(\\d+)`).exec(start.out.stderr)?.[1];
      assert.ok(port && port !== "0", `the summary shows where ${name} listens: ${start.out.stderr}`);
      return port;
    };
    // The request the summary suggests works as printed.
    const hinted = /Check a service:\s+curl (\S+)/.exec(start.out.stderr)?.[1];
    assert.ok(hinted, "the summary suggests a request");
    const checked = await fetch(hinted, { signal: AbortSignal.timeout(10_000) });
    assert.equal(checked.status, 200, `${hinted} answers 200`);
    assert.equal(((await checked.json()) as { status?: string }).status, "ok");
    assert.match(start.out.stderr, new RegExp(`storage: SQLite in ${dataRoot}/dataservice;`));
    // The chat finds the suite as a person's would: through the ports the summary shows.
    const chatEnv = { ...env, TOKENDEALER_PORT: portOf("tokendealer"), SLACKBOT_PORT: portOf("slackbot") };

    const lines = ["help", "config get colour", "config set colour blue", "config set units imperial", "config show"];
    lines.push("weather in Paris", "weather", "location set Berlin", "weather", "config show", "alerts on 08:00");
    const chat = run("src/chat.ts", chatEnv, `${lines.join("\n")}\n`);
    assert.equal(await chat.exited, 0, chat.out.stderr);
    const transcript = chat.out.stdout;
    assert.match(transcript, /You are bertie\./);
    assert.match(transcript, /jeeves> Here is what I can do/);
    assert.match(transcript, /• `config set <key> <value>`/);
    // An unknown key is answered with the keys there are, never with how to set it.
    for (const write of ["config get colour", "config set colour blue"]) {
      assert.match(
        transcript,
        new RegExp(`you> ${write}\\njeeves> Sorry, \`colour\` is not a setting I know\\. The settings are \`units\``),
      );
    }
    assert.doesNotMatch(transcript, /config set colour <value>/);
    assert.match(transcript, /you> config set units imperial\njeeves> units is now imperial\.\n/);
    assert.match(transcript, /you> config show\njeeves> Your settings:\n\s+• units: imperial\nyou> /);
    // Without OPENWEATHER_API_KEY the weather comes from the OpenWeatherMap mock, and says so.
    // The mock answers every place with its example (Berlin, 12.4 °C, feels like 11.71 °C), and the reply
    // says so; in imperial those are 54 °F and 53 °F, not "12°F".
    assert.match(
      transcript,
      /you> weather in Paris\njeeves> Berlin, DE: 54°F, feels like 53°F, [a-z ]+ \(demo data: no OpenWeatherMap key is set, so the mock answers with Berlin, DE for every place\)\n/,
    );
    assert.match(transcript, /you> weather\njeeves> Where\? Write `weather in <place>`, or save your place/);
    assert.match(
      transcript,
      /you> location set Berlin\njeeves> Your location is now Berlin\.\nyou> weather\njeeves> Berlin, DE: 54°F, feels like 53°F, [a-z ]+ \(demo data: no OpenWeatherMap key is set\)\n/,
    );
    assert.match(
      transcript,
      /you> config show\njeeves> Your settings:\n\s+• units: imperial\n\s+Your location is Berlin\.\n/,
    );
    assert.match(
      transcript,
      /you> alerts on 08:00\njeeves> Alerts on: the weather for Berlin every day at 08:00 \(UTC\)\./,
    );

    start.child.kill("SIGINT");
    assert.equal(await start.exited, 0, "closes cleanly on Ctrl-C");
    server = undefined;
  });

  test("without a running suite, the chat says how to start it", async (t) => {
    const dataRoot = await mkdtemp(join(tmpdir(), "jeeves-terminal-"));
    t.after(() => rm(dataRoot, { recursive: true, force: true }));
    const env = {
      JEEVES_DATA_DIR: `${dataRoot}/`,
      TOKENDEALER_PORT: String(await freePort()),
      SLACKBOT_PORT: String(await freePort()),
      JEEVES_CHAT_CLIENT_SECRET: "whatever",
    };
    const chat = run("src/chat.ts", env, "help\n");
    assert.equal(await chat.exited, 0);
    assert.match(chat.out.stdout, /not reachable at http:\/\/127\.0\.0\.1:\d+: start it with `npm start`/);

    const noSecret = run("src/chat.ts", { ...env, JEEVES_CHAT_CLIENT_SECRET: "" }, "help\n");
    assert.equal(await noSecret.exited, 1);
    assert.match(noSecret.out.stderr, /run `npm start` once/);
  });
});
