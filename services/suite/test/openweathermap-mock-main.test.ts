import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const cwd = fileURLToPath(new URL("../", import.meta.url));

test("the mock as a process of its own answers the spec's example and stops on SIGTERM with exit code 0", async (t) => {
  const child = spawn(process.execPath, ["--import", "tsx", "src/openweathermap-mock-main.ts"], {
    cwd,
    env: { ...process.env, OPENWEATHER_MOCK_PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  t.after(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed within 60 s:\n${output}`)), 60_000);
    child.stdout.on("data", () => {
      const found = /openweathermap mock at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[1] as string);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code}) before listening:\n${output}`));
    });
  });

  const weather = await fetch(`${url}/data/2.5/weather?q=Paris&appid=demo`);
  assert.equal(weather.status, 200);
  const body = (await weather.json()) as { name?: string };
  assert.equal(body.name, "Berlin", "the spec's example, whatever the place");
  assert.equal((await fetch(`${url}/data/2.5/weather?q=Paris`)).status, 401, "no appid");

  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const [code] = (await exited) as [number | null];
  assert.equal(code, 0, output);
});
