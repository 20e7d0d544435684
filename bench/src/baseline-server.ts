import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeScratch, removeScratch } from "./scratch.ts";
import { spawnPinned } from "./spawn-pinned.ts";
import { stopAll } from "./stop-all.ts";

const PROCESS = fileURLToPath(new URL("./baseline-process.ts", import.meta.url));
/** How long the baseline may take to say it listens. */
const START_TIMEOUT_MS = 30_000;

/** What the baseline answers: the exact status, headers and bytes one request to the real service got. */
export interface BaselineAnswer {
  status: number;
  /** content-type and content-encoding as the service sent them. */
  headers: Record<string, string>;
  bodyBase64: string;
}

/** A running baseline server. */
export interface Baseline {
  url: string;
  pid: number;
  close(): Promise<void>;
}

/**
 * Captures one answer of the real service (`url` with `init`): status, the headers a client decodes
 * with (content-type, content-encoding) and the raw bytes (not decompressed).
 */
export async function captureAnswer(url: string, init: RequestInit & { headers: Record<string, string> }) {
  const { request } = await import("node:http");
  const target = new URL(url);
  return await new Promise<BaselineAnswer>((resolve, reject) => {
    const outgoing = request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: init.method ?? "GET",
        headers: init.headers,
        timeout: 10_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.once("end", () => {
          const headers: Record<string, string> = {};
          for (const name of ["content-type", "content-encoding"]) {
            const value = response.headers[name];
            if (typeof value === "string") headers[name] = value;
          }
          resolve({ status: response.statusCode ?? 0, headers, bodyBase64: Buffer.concat(chunks).toString("base64") });
        });
        response.once("error", reject);
      },
    );
    outgoing.once("timeout", () => outgoing.destroy(new Error(`${url}: no answer within 10 s`)));
    outgoing.once("error", reject);
    outgoing.end(typeof init.body === "string" ? init.body : undefined);
  });
}

/** Which server a baseline is: bare node:http, or fastify with one log line a request (baseline-process.ts). */
export type BaselineKind = "node-http" | "fastify";

/**
 * Starts a baseline, pinned to `cpu` (the server CPU), answering every request with `answer`: the bare
 * node:http server, or `fastify` (the framework's floor); resolves with its URL once it listens (within 30 s).
 */
export async function startBaseline(
  cpu: number,
  answer: BaselineAnswer,
  kind: BaselineKind = "node-http",
): Promise<Baseline> {
  const folder = await makeScratch("jeeves-baseline-");
  const file = join(folder, "answer.json");
  await writeFile(file, JSON.stringify(answer));
  const child = spawnPinned(cpu, process.execPath, ["--import", "tsx", PROCESS, file, kind], { pipeStdout: true });
  const pid = child.pid ?? 0;
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let output = "";
      const timer = setTimeout(() => reject(new Error("the baseline did not listen within 30 s")), START_TIMEOUT_MS);
      child.stdout?.setEncoding("utf8");
      child.stdout?.on("data", (chunk: string) => {
        output += chunk;
        if (output.includes("\n")) {
          clearTimeout(timer);
          resolve(Number(output.trim()));
        }
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`the baseline exited (${code}) before listening`));
      });
    });
    const url = `http://127.0.0.1:${port}`;
    return { url, pid, close: () => stopAll([pid], [port], () => {}) };
  } catch (error) {
    await stopAll([pid], [], () => {});
    throw error;
  } finally {
    await removeScratch(folder);
  }
}
