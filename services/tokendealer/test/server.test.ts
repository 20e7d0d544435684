import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { tempDir } from "./helper.ts";

const SERVICE = fileURLToPath(new URL("..", import.meta.url));

function server(env: Record<string, string>) {
  return spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: SERVICE,
    env: { PATH: process.env.PATH ?? "", ...env },
  });
}

describe("server", () => {
  it("starts on a fresh data folder, answers /health and /docs, and stops on SIGTERM", async (t) => {
    const dataDir = await tempDir(t);
    const child = server({ DATA_DIR: dataDir, PORT: "0", TOKENDEALER_URL: "http://127.0.0.1:1" });
    t.after(() => {
      if (child.exitCode === null) child.kill("SIGKILL");
    });
    let address = "";
    const logs: string[] = [];
    for await (const line of createInterface({ input: child.stdout })) {
      logs.push(line);
      const entry = JSON.parse(line);
      if (entry.msg === "tokendealer listening") {
        address = entry.address;
        break;
      }
    }
    assert.match(address, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(logs.some((line) => line.includes("generated the first signing key")));
    assert.ok(logs.some((line) => line.includes("created the client registry")));
    const health = await fetch(`${address}/health`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: "ok", service: "tokendealer", checks: [] });
    const docs = await fetch(`${address}/docs/json`);
    assert.equal(docs.status, 200);
    assert.equal(((await docs.json()) as { info: { title: string } }).info.title, "Jeeves TokenDealer");
    child.kill("SIGTERM");
    const [code] = await once(child, "exit");
    assert.equal(code, 0);
  });

  it("fails fast with every configuration problem", async (t) => {
    const child = server({ DATA_DIR: await tempDir(t), PORT: "x", TOKENDEALER_ALG: "HS256" });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const [code] = await once(child, "exit");
    assert.equal(code, 1);
    assert.match(stderr, /^tokendealer: invalid configuration:/);
    assert.match(stderr, /PORT="x"/);
    assert.match(stderr, /TOKENDEALER_ALG="HS256"/);
  });
});
