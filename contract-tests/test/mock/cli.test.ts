import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { MEDIA_TYPE_OF, PROBLEM_TYPE } from "@jeeves/codecs";
import { freePort } from "@jeeves/prism";
import { send } from "./raw-request.ts";
import { decodeAnswer, header } from "./wire.ts";

const WORKSPACE = fileURLToPath(new URL("../../", import.meta.url));

/** A running `tsx src/mock/cli.ts …`, once it has printed where it listens. */
interface Cli {
  child: ChildProcess;
  output: string[];
  url: string;
  prismUrl: string;
  prismPid: number;
  speaks: string[];
}

/** Starts the mock CLI as `npm run mock -w @jeeves/contract-tests -- <args>` does (cwd: the workspace). */
async function startCli(args: string[]): Promise<Cli> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/mock/cli.ts", ...args], {
    cwd: WORKSPACE,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  let text = "";
  const collect = (chunk: Buffer) => {
    text += chunk.toString("utf8");
    output.splice(0, output.length, ...text.split("\n"));
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const deadline = Date.now() + 300_000; // Prism may take two starts of up to 120 s on a loaded machine
  while (!/pid \d+/.test(text)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the mock CLI did not start:\n${text}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const url = /listening on (http:\/\/\S+)/.exec(text)?.[1] ?? "";
  const [, prismUrl = "", pid = "0"] = /Prism \(JSON only\) at (\S+), pid (\d+)/.exec(text) ?? [];
  const speaks = (/speaks: ([^(]+)/.exec(text)?.[1] ?? "").trim().split(", ");
  return { child, output, url, prismUrl, prismPid: Number(pid), speaks };
}

/**
 * Starts the mock CLI with `--port <a free port>` (then `args`): the port is picked before the CLI
 * listens on it, so another process may take it in between; that start (EADDRINUSE) is tried again on
 * another port, three times at most.
 */
async function startCliOnFreePort(args: string[]): Promise<{ cli: Cli; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return { cli: await startCli([args[0], "--port", String(port), ...args.slice(1)]), port };
    } catch (error) {
      if (attempt >= 3 || !String((error as Error).message).includes("EADDRINUSE")) throw error;
    }
  }
}

/** Whether a process is gone (or a zombie nobody reaped yet). */
function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
}

async function waitUntilGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 400 && !gone(pid); i++) await new Promise((resolve) => setTimeout(resolve, 50)); // up to 20 s
  return gone(pid);
}

let provider: Cli;
let external: Cli;
let port: number;
before(async () => {
  let onPort: { cli: Cli; port: number };
  [onPort, external] = await Promise.all([
    startCliOnFreePort(["dataservice", "--no-validate"]),
    startCli(["test/mock/fixtures/external-json-only.yaml"]),
  ]);
  ({ cli: provider, port } = onPort);
});
after(() => {
  for (const cli of [provider, external]) if (cli && cli.child.exitCode === null) cli.child.kill("SIGKILL");
});

describe("npm run mock -- dataservice --port N --no-validate", () => {
  test("resolves the name through the registry, listens on the port and says what it speaks", () => {
    assert.equal(provider.url, `http://127.0.0.1:${port}`);
    assert.match(provider.output.join("\n"), /mock of dataservice listening/);
    assert.deepEqual(provider.speaks, [
      "application/json",
      "application/msgpack",
      "application/problem+json",
      "application/x-protobuf",
      "text/plain; version=0.0.4",
    ]);
  });

  test("with --no-validate, a body breaking the spec and no token are answered 201 in msgpack", async () => {
    const answer = await send(`${provider.url}/users`, {
      method: "POST",
      headers: { "content-type": MEDIA_TYPE_OF.msgpack, accept: MEDIA_TYPE_OF.msgpack },
      body: Buffer.from([0x81, 0xa5, 0x65, 0x6d, 0x61, 0x69, 0x6c, 0xa1, 0x78]), // {email: "x"}
    });
    assert.equal(answer.status, 201, answer.body.toString());
    assert.equal(header(answer, "content-type"), MEDIA_TYPE_OF.msgpack);
    assert.equal((decodeAnswer(answer) as { display_name: string }).display_name, "Bertie Wooster");
  });

  test("stops on SIGINT, and its Prism with it", async () => {
    const exited = once(provider.child, "exit");
    provider.child.kill("SIGINT");
    const [code] = await exited;
    assert.equal(code, 0, provider.output.join("\n"));
    assert.ok(await waitUntilGone(provider.prismPid), `Prism ${provider.prismPid} is still running`);
  });
});

describe("npm run mock -- <path of an external, JSON-only spec>", () => {
  const weather = "/data/2.5/weather";

  test("speaks JSON only, as the spec offers", () => {
    assert.deepEqual(external.speaks, ["application/json"]);
  });

  test("answers the spec's examples, paths taken without the server's base path", async () => {
    const answer = await send(`${external.url}${weather}?q=Paris&appid=key`);
    assert.equal(answer.status, 200);
    assert.deepEqual(decodeAnswer(answer), { name: "Paris", main: { temp: 281.5 }, cod: 200 });
    const posted = await send(`${external.url}/chat.postMessage`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer xoxb-dummy" },
      body: Buffer.from(JSON.stringify({ channel: "C0123ABCD", text: "What ho!" })),
    });
    assert.equal(posted.status, 200);
    assert.equal((decodeAnswer(posted) as { ok: boolean }).ok, true);
  });

  test("Prefer: code=404 answers the spec's 404, in JSON", async () => {
    const answer = await send(`${external.url}${weather}?q=Nowhere&appid=key`, { headers: { prefer: "code=404" } });
    assert.equal(answer.status, 404);
    assert.deepEqual(decodeAnswer(answer), { cod: "404", message: "city not found" });
  });

  test("MessagePack is not offered, so Prism's own 406 comes back", async () => {
    const answer = await send(`${external.url}${weather}?q=Paris&appid=key`, {
      headers: { accept: MEDIA_TYPE_OF.msgpack },
    });
    assert.equal(answer.status, 406);
    assert.equal(header(answer, "content-type"), PROBLEM_TYPE);
  });

  test("requests breaking the spec are refused: a missing query parameter, an unknown property, no credentials", async () => {
    /** Without a 400/422 response of its own in the spec, Prism writes its reasons into the 422's body. */
    const reasons = (answer: { body: Buffer }) =>
      (JSON.parse(answer.body.toString()) as { validation: Array<{ message: string }> }).validation.map(
        (v) => v.message,
      );
    const noCity = await send(`${external.url}${weather}?appid=key`);
    assert.equal(noCity.status, 422);
    assert.deepEqual(reasons(noCity), ["Request query must have required property 'q'"]);
    const extra = await send(`${external.url}/chat.postMessage`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer xoxb-dummy" },
      body: Buffer.from(JSON.stringify({ channel: "C0123ABCD", text: "hi", as_user: true })),
    });
    assert.equal(extra.status, 422);
    assert.deepEqual(reasons(extra), ["Request body must NOT have additional properties; found 'as_user'"]);
    const noKey = await send(`${external.url}${weather}?q=Paris`);
    assert.equal(noKey.status, 401);
  });

  test("a killed CLI (a crashed test) does not leave its Prism behind", async () => {
    external.child.kill("SIGKILL");
    await once(external.child, "exit");
    assert.ok(await waitUntilGone(external.prismPid), `Prism ${external.prismPid} outlived its parent`);
  });
});
