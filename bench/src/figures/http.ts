import { type BaselineAnswer, captureAnswer, startBaseline } from "../baseline-server.ts";
import type { BenchContext, FigureResult, FigureSpec, Mode, Target } from "../figure.ts";
import { type Arm, interleave, ratioResult } from "../interleave.ts";
import { sharedTopology } from "../topology-pool.ts";
import type { Topology } from "../topology-types.ts";
import { ensureUser, ensureUsers } from "./dataservice-users.ts";

/** The modes the HTTP figures run in. */
const MODES: Mode[] = ["one-process", "separate"];
/** Users on the listed page (GET /users?limit=50). */
const PAGE_SIZE = 50;

function atLeast(value: number): Target {
  return { op: ">=", value, text: `≥ ${value}` };
}

function topologyOf(context: BenchContext, mode: Mode): Promise<Topology> {
  if (mode === "standalone") throw new Error("the HTTP figures need the suite (one-process or separate)");
  return sharedTopology(context, mode);
}

/** Checks a captured answer is what the figure measures (status, media type, encoding) before anything is timed. */
function expectAnswer(answer: BaselineAnswer, what: string, status: number, contentType: string, encoding?: string) {
  const type = answer.headers["content-type"] ?? "";
  if (answer.status !== status || !type.startsWith(contentType) || answer.headers["content-encoding"] !== encoding) {
    throw new Error(
      `${what} answered ${answer.status} ${type} ${answer.headers["content-encoding"] ?? "(not encoded)"}; expected ${status} ${contentType} ${encoding ?? "(not encoded)"}`,
    );
  }
}

/** What the detail of a ratio figure says about the answer both sides sent. */
function answerDetail(answer: BaselineAnswer) {
  return {
    status: answer.status,
    headers: answer.headers,
    bodyBytes: Buffer.from(answer.bodyBase64, "base64").length,
  };
}

/** The id of the figure of fastify alone against the bare server, measured with `get-user-json`. */
const FLOOR_ID = "get-user-fastify-floor";

/**
 * Authenticated GET /users/{id} in one media type, against a baseline answering the same bytes. With
 * `floor`, a third arm in the same rounds: fastify alone answering those bytes with one log line a
 * request (baseline-process.ts), a figure of its own over the bare server, no target: how near a service
 * built on fastify can come to the bare server on this machine at all.
 */
function getUserFigure(id: string, label: string, accept: string, target: Target, floor = false): FigureSpec {
  const title = `GET /users/{id} ${label} ÷ bare node:http`;
  return {
    id,
    title,
    modes: MODES,
    async run(context, mode) {
      const topology = await topologyOf(context, mode);
      const userId = await ensureUser(topology, "bench-get@example.com", "Bench Reader");
      const path = `/users/${userId}`;
      const headers = async () => ({
        authorization: `Bearer ${await topology.token("dataservice", ["users:read"])}`,
        accept,
      });
      const answer = await captureAnswer(`${topology.urls.dataservice}${path}`, { headers: await headers() });
      expectAnswer(answer, `GET /users/{id} (${accept})`, 200, accept);
      const baseline = await startBaseline(context.serverCpu, answer);
      const fastify = floor
        ? await startBaseline(context.serverCpu, answer, "fastify").catch(async (error: unknown) => {
            await baseline.close();
            throw error;
          })
        : undefined;
      try {
        const arms: Arm[] = [
          {
            name: "service",
            request: async () => ({ url: `${topology.urls.dataservice}${path}`, headers: await headers() }),
          },
          { name: "baseline", request: async () => ({ url: `${baseline.url}${path}`, headers: await headers() }) },
        ];
        if (fastify) {
          arms.push({
            name: "fastify",
            request: async () => ({ url: `${fastify.url}${path}`, headers: await headers() }),
          });
        }
        const results = await interleave(context, arms, `${id} ${mode}`);
        const figures = [
          ratioResult({
            id,
            title,
            mode,
            numerator: results.service,
            denominator: results.baseline,
            names: ["service", "baseline"],
            target,
            detail: { answer: answerDetail(answer) },
          }),
        ];
        if (fastify) {
          figures.push(
            ratioResult({
              id: FLOOR_ID,
              title: `GET /users/{id} ${label} bytes from fastify alone (one log line a request) ÷ bare node:http`,
              mode,
              numerator: results.fastify,
              denominator: results.baseline,
              names: ["fastify", "baseline"],
              detail: { answer: answerDetail(answer) },
            }),
          );
        }
        return figures;
      } finally {
        await baseline.close();
        await fastify?.close();
      }
    },
  };
}

/** GET /users?limit=50, plain and gzip, each against its baseline; and the service's gzip page over its plain page. */
const usersPage: FigureSpec = {
  id: "users-page",
  title: "GET /users?limit=50 (JSON), plain and gzip",
  modes: MODES,
  async run(context, mode) {
    const topology = await topologyOf(context, mode);
    await ensureUsers(topology, PAGE_SIZE);
    const path = `/users?limit=${PAGE_SIZE}`;
    const headers = async (gzip: boolean) => ({
      authorization: `Bearer ${await topology.token("dataservice", ["users:read"])}`,
      accept: "application/json",
      ...(gzip ? { "accept-encoding": "gzip" } : {}),
    });
    const service = `${topology.urls.dataservice}${path}`;
    const plainAnswer = await captureAnswer(service, { headers: await headers(false) });
    expectAnswer(plainAnswer, "GET /users?limit=50", 200, "application/json");
    const gzipAnswer = await captureAnswer(service, { headers: await headers(true) });
    expectAnswer(gzipAnswer, "GET /users?limit=50 (Accept-Encoding: gzip)", 200, "application/json", "gzip");
    const plainBaseline = await startBaseline(context.serverCpu, plainAnswer);
    const gzipBaseline = await startBaseline(context.serverCpu, gzipAnswer).catch(async (error: unknown) => {
      await plainBaseline.close();
      throw error;
    });
    try {
      const arms: Arm[] = [
        { name: "service plain", request: async () => ({ url: service, headers: await headers(false) }) },
        {
          name: "baseline plain",
          request: async () => ({ url: `${plainBaseline.url}${path}`, headers: await headers(false) }),
        },
        { name: "service gzip", request: async () => ({ url: service, headers: await headers(true) }) },
        {
          name: "baseline gzip",
          request: async () => ({ url: `${gzipBaseline.url}${path}`, headers: await headers(true) }),
        },
      ];
      const results = await interleave(context, arms, `users-page ${mode}`);
      const answers = { plain: answerDetail(plainAnswer), gzip: answerDetail(gzipAnswer) };
      return [
        ratioResult({
          id: "users-page-plain",
          title: "GET /users?limit=50 JSON ÷ bare node:http",
          mode,
          numerator: results["service plain"],
          denominator: results["baseline plain"],
          names: ["service", "baseline"],
          detail: { answer: answers.plain },
        }),
        ratioResult({
          id: "users-page-gzip",
          title: "GET /users?limit=50 JSON gzip ÷ bare node:http (same gzip bytes)",
          mode,
          numerator: results["service gzip"],
          denominator: results["baseline gzip"],
          names: ["service", "baseline"],
          detail: { answer: answers.gzip },
        }),
        ratioResult({
          id: "users-page-gzip-vs-plain",
          title: "GET /users?limit=50: gzip page ÷ plain page (service, same round)",
          mode,
          numerator: results["service gzip"],
          denominator: results["service plain"],
          names: ["gzip", "plain"],
          target: atLeast(0.6),
          detail: { answers },
        }),
      ];
    } finally {
      await plainBaseline.close();
      await gzipBaseline.close();
    }
  },
};

/** POST /users (JSON, a new email each request) against a baseline answering the same 201 bytes. No target stated. */
const createUser: FigureSpec = {
  id: "create-user",
  title: "POST /users JSON ÷ bare node:http",
  modes: MODES,
  async run(context, mode): Promise<FigureResult[]> {
    const topology = await topologyOf(context, mode);
    const headers = async () => ({
      authorization: `Bearer ${await topology.token("dataservice", ["users:write"])}`,
      accept: "application/json",
      "content-type": "application/json",
    });
    const body = JSON.stringify({ email: "bench-{{n}}@example.com", display_name: "Bench Writer" });
    const service = `${topology.urls.dataservice}/users`;
    const first = JSON.stringify({ email: `bench-capture-${Date.now()}@example.com`, display_name: "Bench Writer" });
    const answer = await captureAnswer(service, { method: "POST", headers: await headers(), body: first });
    expectAnswer(answer, "POST /users", 201, "application/json");
    const baseline = await startBaseline(context.serverCpu, answer);
    try {
      const arms: Arm[] = [
        {
          name: "service",
          request: async () => ({ url: service, method: "POST", headers: await headers(), body, unique: true }),
        },
        {
          name: "baseline",
          request: async () => ({
            url: `${baseline.url}/users`,
            method: "POST",
            headers: await headers(),
            body,
            unique: true,
          }),
        },
      ];
      const results = await interleave(context, arms, `create-user ${mode}`);
      return [
        ratioResult({
          id: "create-user",
          title: this.title,
          mode,
          numerator: results.service,
          denominator: results.baseline,
          names: ["service", "baseline"],
          detail: { answer: answerDetail(answer) },
        }),
      ];
    } finally {
      await baseline.close();
    }
  },
};

/** The HTTP figures of issue 13: GET one user in three media types, a 50-user page plain and gzip, POST /users. */
export const HTTP_FIGURES: FigureSpec[] = [
  getUserFigure("get-user-json", "JSON", "application/json", atLeast(0.6), true),
  getUserFigure("get-user-msgpack", "msgpack", "application/msgpack", atLeast(0.6)),
  getUserFigure("get-user-protobuf", "protobuf", "application/x-protobuf", atLeast(0.55)),
  usersPage,
  createUser,
];
