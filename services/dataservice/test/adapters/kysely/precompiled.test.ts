/** Precompiled queries: placeholders become the call's values, the query's own values stay. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { NamedStatements } from "../../../src/adapters/kysely/pg-named-statements.ts";
import { precompile, precompiledVariants } from "../../../src/adapters/kysely/precompiled.ts";
import { sqliteAccess } from "../../../src/adapters/kysely/sqlite-statements.ts";
import type { DatabaseSchema } from "../../../src/adapters/migrations.ts";

interface Schema extends DatabaseSchema {
  t: { n: number; tag: string };
}

async function database() {
  return seeded(new Kysely<Schema>({ dialect: new SqliteDialect({ database: new SQLite(":memory:") }) }));
}

/** A promise (`opened`) that the test resolves when it says so (`open`). */
function latch(): { opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

async function seeded(db: Kysely<Schema>) {
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
      { statements: names },
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

  describe("on SQLite, with direct reads", () => {
    async function direct() {
      const access = sqliteAccess(new SQLite(":memory:"));
      const db = await seeded(new Kysely<Schema>({ dialect: new SqliteDialect({ database: access.kysely }) }));
      let throughKysely = 0;
      const executeQuery = db.executeQuery.bind(db);
      db.executeQuery = ((query: never) => {
        throughKysely++;
        return executeQuery(query);
      }) as typeof db.executeQuery;
      const odd = precompile<{ min: number }, { n: number }>(
        db as never,
        (param) => db.selectFrom("t").select("n").where("tag", "=", "odd").where("n", ">=", param("min")).orderBy("n"),
        { direct: access.direct },
      );
      return { db, odd, throughKysely: () => throughKysely };
    }

    it("reads straight from the connection outside a transaction, with each call's values", async (t) => {
      const { db, odd, throughKysely } = await direct();
      t.after(() => db.destroy());
      assert.deepEqual(await odd.run({ min: 0 }), [{ n: 1 }, { n: 3 }]);
      assert.deepEqual(await odd.run({ min: 2 }), [{ n: 3 }]);
      assert.equal(throughKysely(), 0);
    });

    it("waits for an open transaction and never sees its uncommitted rows", async (t) => {
      const { db, odd, throughKysely } = await direct();
      t.after(() => db.destroy());
      const inserted = latch();
      const commit = latch();
      const transaction = db.transaction().execute(async (trx) => {
        await trx.insertInto("t").values({ n: 5, tag: "odd" }).execute();
        inserted.open();
        await commit.opened;
        await trx.insertInto("t").values({ n: 7, tag: "odd" }).execute();
      });
      await inserted.opened;
      const read = odd.run({ min: 5 });
      let answered = false;
      void read.then(() => {
        answered = true;
      });
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(answered, false, "a read while the transaction is open waits for it");
      commit.open();
      await transaction;
      assert.deepEqual(await read, [{ n: 5 }, { n: 7 }]);
      assert.equal(throughKysely(), 1);
    });
  });
});
