/**
 * Queries built and compiled once: a store builds a hot query with a placeholder for each value that
 * changes between calls, and each call runs the compiled SQL with its values, skipping Kysely's query
 * building and compiling. On PostgreSQL the SQL is registered as a named statement too; on SQLite a call
 * outside a transaction reads straight from the connection (sqlite-statements.ts `DirectReads`).
 */
import type { Compilable, CompiledQuery } from "kysely";
import type { Db } from "./db.ts";
import type { NamedStatements } from "./pg-named-statements.ts";
import type { DirectReads } from "./sqlite-statements.ts";

/** Where the precompiled queries of a store may run besides Kysely (the stores' `KyselyStoreOptions`). */
export interface PrecompileTargets {
  /** PostgreSQL: register each SQL text as a named statement. */
  statements?: NamedStatements;
  /** SQLite: run each call synchronously on the connection when no transaction is open there. */
  direct?: DirectReads;
}

/** A placeholder value: where it lands among the compiled parameters, the call's value goes. */
class Slot {
  constructor(readonly name: string) {}
}

/** Hands out the placeholder of a named parameter, typed as the value it stands for. */
export type Param<P> = <K extends keyof P & string>(name: K) => P[K];

/** A query compiled once; `run` executes it with one call's values and resolves to its rows. */
export interface Precompiled<P, R> {
  /** The compiled SQL. */
  readonly sql: string;
  run(params: P): Promise<R[]>;
}

/**
 * Builds the query `build` returns once, with placeholders from `param`, compiles it, and returns it
 * ready to run. Every placeholder handed out must become a bound parameter (Kysely binds values in
 * `where`, `limit`, …), or this throws at once. `targets`: register the SQL as a named statement
 * (PostgreSQL), read straight from the connection (SQLite).
 */
export function precompile<P extends Record<string, unknown>, R>(
  db: Db,
  build: (param: Param<P>) => Compilable<R>,
  targets: PrecompileTargets = {},
): Precompiled<P, R> {
  const handedOut = new Set<string>();
  const compiled = build(<K extends keyof P & string>(name: K) => {
    handedOut.add(name);
    return new Slot(name) as P[K];
  }).compile();
  // For each bound parameter: the name of the call's value, or undefined for a constant of the query.
  const slots = compiled.parameters.map((value) => (value instanceof Slot ? value.name : undefined));
  const constants = compiled.parameters;
  for (const name of handedOut) {
    if (!slots.includes(name)) throw new Error(`precompile: the placeholder ${name} is not a bound parameter`);
  }
  targets.statements?.register(compiled.sql);
  const direct = targets.direct;
  return {
    sql: compiled.sql,
    async run(params) {
      const parameters = slots.map((name, i) => (name === undefined ? constants[i] : params[name]));
      const rows = direct?.all(compiled.sql, parameters);
      if (rows) return rows as R[];
      const query: CompiledQuery<R> = { ...compiled, parameters };
      return (await db.executeQuery(query)).rows;
    },
  };
}

/**
 * Precompiled variants of one query, compiled on first use: `get(shape)` returns the variant for a
 * shape key (e.g. which optional filters a list has), built by `build(shape)`.
 */
export function precompiledVariants<S extends string | number, P extends Record<string, unknown>, R>(
  db: Db,
  build: (shape: S, param: Param<P>) => Compilable<R>,
  targets: PrecompileTargets = {},
): { get(shape: S): Precompiled<P, R> } {
  const variants = new Map<S, Precompiled<P, R>>();
  return {
    get(shape) {
      let variant = variants.get(shape);
      if (!variant) {
        variant = precompile<P, R>(db, (param) => build(shape, param), targets);
        variants.set(shape, variant);
      }
      return variant;
    },
  };
}
