/**
 * The dataservice on PostgreSQL with 1,000,000 users: get by random id, the first page of GET /users,
 * and the page after row 999,950 (keyset pagination must cost about what the first page costs). The
 * dataservice and a TokenDealer run as separate processes pinned to the server CPU, autocannon from a
 * process pinned to the load CPU; the database is created for the run and dropped after it.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type pg from "pg";
import type { BenchContext, FigureResult, FigureSpec } from "../figure.ts";
import { runLoad } from "../standalone/load.ts";
import { createBenchDatabase, insertUsers, postgresReachable } from "../standalone/postgres-bench-db.ts";
import { startDataservice, startTokenDealer } from "../standalone/services.ts";
import { summarize } from "../stats.ts";

/** The server the figure creates its database on (BENCH_POSTGRES_URL overrides). */
export const DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const USERS = 1_000_000;
const DEEP_ROW = 999_950;
const PAGE = 50;
const CONNECTIONS = 10;
const SAMPLE_IDS = 20_000;

const base = { mode: "standalone" as const };

/** The query the store runs for a page after a cursor, for EXPLAIN (the columns as in user-store.ts). */
const PAGE_AFTER_SQL = `select "id", "email", "display_name", "slack_team_id", "slack_user_id", "is_admin",
  "location_place", "location_lat", "location_lon", "version", "created_at", "updated_at"
  from "users" where "id" > $1 order by "id" limit $2`;

/** EXPLAIN ANALYZE of the deep page, as a custom and as a generic (prepared statement) plan. */
async function explainDeepPage(client: pg.Client, afterId: string): Promise<{ custom: string[]; generic: string[] }> {
  const execute = `execute bench_page(${client.escapeLiteral(afterId)}, ${PAGE + 1})`;
  const explain = async () =>
    (await client.query(`explain (analyze, costs off) ${execute}`)).rows.map(
      (row: Record<string, string>) => row["QUERY PLAN"],
    );
  await client.query(`prepare bench_page(text, int) as ${PAGE_AFTER_SQL}`);
  await client.query("set plan_cache_mode = force_custom_plan");
  const custom = await explain();
  await client.query("set plan_cache_mode = force_generic_plan");
  const generic = await explain();
  await client.query("reset plan_cache_mode");
  await client.query("deallocate bench_page");
  return { custom, generic };
}

async function run(context: BenchContext): Promise<FigureResult[]> {
  const serverUrl = context.env.BENCH_POSTGRES_URL || DEFAULT_POSTGRES_URL;
  const ids = ["get-by-id", "first-page", "deep-page"] as const;
  const titles: Record<(typeof ids)[number], string> = {
    "get-by-id": "GET /users/{id}, random ids",
    "first-page": `GET /users?limit=${PAGE} (first page)`,
    "deep-page": `GET /users?limit=${PAGE} after row ${DEEP_ROW.toLocaleString("en")}`,
  };
  if (!(await postgresReachable(serverUrl))) {
    const skipped = `PostgreSQL not reachable at ${new URL(serverUrl).host}`;
    return [
      {
        id: "postgres-million-deep-vs-first",
        title: "Page after row 999,950 ÷ first page",
        mode: base.mode,
        unit: "x",
        rounds: [],
        median: Number.NaN,
        spread: [Number.NaN, Number.NaN],
        skipped,
      },
    ];
  }

  const dataDir = await mkdtemp(join(tmpdir(), "jeeves-bench-pg-"));
  const database = await createBenchDatabase(serverUrl);
  const logLevel = context.env.BENCH_LOG_LEVEL || "warn";
  const stops: (() => Promise<void>)[] = [];
  try {
    context.progress(
      `postgres-million: database ${new URL(database.url).pathname.slice(1)}, TokenDealer and dataservice on CPU ${context.serverCpu}`,
    );
    const dealer = await startTokenDealer(context.serverCpu, join(dataDir, "tokendealer"), logLevel);
    stops.push(dealer.stop);
    // The dataservice migrates the new database as it starts.
    const dataservice = await startDataservice(context.serverCpu, {
      databaseUrl: database.url,
      tokenDealerUrl: dealer.url,
      dataDir: join(dataDir, "dataservice"),
      logLevel,
    });
    stops.push(dataservice.stop);
    context.progress(`postgres-million: inserting ${USERS.toLocaleString("en")} users`);
    await insertUsers(database.client, USERS, context.progress);

    const { rows: sample } = await database.client.query<{ id: string }>(
      `select id from users tablesample system (5) limit ${SAMPLE_IDS}`,
    );
    const pathsFile = join(dataDir, "user-paths.txt");
    await writeFile(pathsFile, sample.map((row) => `/users/${row.id}`).join("\n"));
    const { rows: deep } = await database.client.query<{ id: string }>(
      `select id from users order by id offset ${DEEP_ROW - 1} limit 1`,
    );
    const afterId = deep[0]?.id ?? "";
    const cursor = Buffer.from(afterId, "utf8").toString("base64url");
    const plans = await explainDeepPage(database.client, afterId);
    context.progress(`postgres-million: deep page plan (generic): ${plans.generic.join(" | ")}`);

    const token = await dealer.token("dataservice", ["users:read"]);
    const headers = { authorization: `Bearer ${token}` };
    const deepCheck = await fetch(`${dataservice.url}/users?limit=${PAGE}&cursor=${cursor}`, { headers });
    const deepBody = (await deepCheck.json()) as { items?: { id: string }[] };
    if (deepCheck.status !== 200 || deepBody.items?.length !== PAGE || deepBody.items[0].id <= afterId) {
      throw new Error(`the page after row ${DEEP_ROW} is not what was expected (status ${deepCheck.status})`);
    }
    const loads = {
      "get-by-id": { url: dataservice.url, pathsFile },
      "first-page": { url: `${dataservice.url}/users?limit=${PAGE}` },
      "deep-page": { url: `${dataservice.url}/users?limit=${PAGE}&cursor=${cursor}` },
    };
    const load = (id: (typeof ids)[number], duration: number) =>
      runLoad(context.loadCpu, { ...loads[id], connections: CONNECTIONS, duration, headers });

    context.progress("postgres-million: warm-up");
    for (const id of ids) await load(id, 2);
    const rps: Record<string, number[]> = { "get-by-id": [], "first-page": [], "deep-page": [] };
    const p99: Record<string, number[]> = { "get-by-id": [], "first-page": [], "deep-page": [] };
    const ratio: number[] = [];
    const p99Ratio: number[] = [];
    // Each round loads in the order A B C C B A, half the duration each, so that a machine getting
    // busier (or quieter) during the round weighs on every load alike; a load's value is the mean of its two halves.
    const half = Math.max(1, Math.round(context.duration / 2));
    for (let round = 1; round <= context.rounds; round++) {
      const halves: Record<string, { rps: number; p99: number }[]> = {
        "get-by-id": [],
        "first-page": [],
        "deep-page": [],
      };
      for (const id of [...ids, ...[...ids].reverse()]) {
        const result = await load(id, half);
        halves[id].push({ rps: result.requestsPerSec, p99: result.p99Ms });
      }
      for (const id of ids) {
        const [a, b] = halves[id];
        rps[id].push((a.rps + b.rps) / 2);
        p99[id].push((a.p99 + b.p99) / 2);
        context.progress(
          `postgres-million: round ${round} ${id}: ${Math.round(rps[id][round - 1])} req/s, p99 ${p99[id][round - 1]} ms`,
        );
      }
      ratio.push(rps["first-page"][round - 1] / rps["deep-page"][round - 1]);
      p99Ratio.push(p99["deep-page"][round - 1] / p99["first-page"][round - 1]);
    }
    const detail = { users: USERS, connections: CONNECTIONS, logLevel, deepPagePlan: plans };
    return [
      ...ids.flatMap((id) => [
        summarize({
          ...base,
          id: `postgres-million-${id}-rps`,
          title: `${titles[id]}: req/s`,
          unit: "req/s",
          rounds: rps[id],
          detail: { p99Ms: p99[id], connections: CONNECTIONS },
        }),
        summarize({
          ...base,
          id: `postgres-million-${id}-p99`,
          title: `${titles[id]}: p99`,
          unit: "ms",
          rounds: p99[id],
        }),
      ]),
      summarize({
        ...base,
        id: "postgres-million-deep-vs-first",
        title: `Page after row ${DEEP_ROW.toLocaleString("en")} ÷ first page (cost per request, 1/throughput)`,
        unit: "x",
        rounds: ratio,
        target: { op: "<=", value: 1.5, text: "≤ 1.5" },
        detail: { ...detail, p99Ratio },
      }),
    ];
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    await database
      .drop()
      .catch((error: unknown) => context.progress(`postgres-million: could not drop the database: ${String(error)}`));
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The figure: PostgreSQL with a million users (standalone: it starts its own processes). */
export const postgresMillion: FigureSpec = {
  id: "postgres-million",
  title: "Dataservice on PostgreSQL with 1,000,000 users",
  modes: ["standalone"],
  run: (context) => run(context),
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { runOne } = await import("../run-one.ts");
  await runOne(postgresMillion);
}
