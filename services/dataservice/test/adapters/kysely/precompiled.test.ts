/** Precompiled queries: placeholders become the call's values, the query's own values stay. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { NamedStatements } from "../../../src/adapters/kysely/pg-named-statements.ts";
import { precompile, precompiledVariants } from "../../../src/adapters/kysely/precompiled.ts";
import type { DatabaseSchema } from "../../../src/adapters/migrations.ts";

interface Schema extends DatabaseSchema {
  t: { n: number; tag: string };
}

async function database() {
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: new SQLite(":memory:") }) });
  await db.schema.createTable("t").addColumn("n", "integer").addColumn("tag", "text").execute();
  await db
    .insertInto("t")
    .values([1, 2, 3, 4].map((n) => ({ n, tag: n % 2 ? "odd" : "even" })))
    .execute();
  return db;
}

describe("precompile", () => {
  it("runs with each call's values beside the query's constants", async (t) => {
    const db = await database();
    t.after(() => db.destroy());
    const names = new NamedStatements();
    const query = precompile<{ min: number; limit: number }, { n: number }>(
      db as never,
      (param) =>
        db
          .selectFrom("t")
          .select("n")
          .where("tag", "=", "odd")
          .where("n", ">=", param("min"))
          .orderBy("n")
          .limit(param("limit")),
      names,
    );
    assert.deepEqual(await query.run({ min: 1, limit: 10 }), [{ n: 1 }, { n: 3 }]);
    assert.deepEqual(await query.run({ min: 2, limit: 10 }), [{ n: 3 }]);
    assert.deepEqual(await query.run({ min: 0, limit: 1 }), [{ n: 1 }]);
    assert.equal(names.nameOf(query.sql), "jeeves_1");
  });

  it("refuses a placeholder that does not end up a bound parameter", async (t) => {
    const db = await database();
    t.after(() => db.destroy());
    assert.throws(
      () =>
        precompile<{ unused: string }, unknown>(db as never, (param) => {
          param("unused");
          return db.selectFrom("t").select("n");
        }),
      /placeholder unused is not a bound parameter/,
    );
  });

  it("compiles each variant once, on first use", async (t) => {
    const db = await database();
    t.after(() => db.destroy());
    let builds = 0;
    const variants = precompiledVariants<"all" | "even", { limit: number }, { n: number }>(
      db as never,
      (shape, param) => {
        builds++;
        return db
          .selectFrom("t")
          .select("n")
          .$if(shape === "even", (qb) => qb.where("tag", "=", "even"))
          .orderBy("n")
          .limit(param("limit"));
      },
    );
    assert.deepEqual(await variants.get("even").run({ limit: 5 }), [{ n: 2 }, { n: 4 }]);
    assert.deepEqual(await variants.get("even").run({ limit: 1 }), [{ n: 2 }]);
    assert.equal((await variants.get("all").run({ limit: 5 })).length, 4);
    assert.equal(builds, 2);
  });
});
