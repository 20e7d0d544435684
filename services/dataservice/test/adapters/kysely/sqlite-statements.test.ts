/** The SQLite statement cache: one `prepare` per SQL text, a bounded LRU, busy statements not shared. */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { describe, it, type TestContext } from "node:test";
import SQLite from "better-sqlite3";
import { openStore } from "../../../src/adapters/database.ts";
import { sqliteAccess, withStatementCache } from "../../../src/adapters/kysely/sqlite-statements.ts";

/** Counts the SQL texts better-sqlite3 prepares from now until the test ends. */
function countPrepares(t: TestContext): string[] {
  const prepared: string[] = [];
  const original = SQLite.prototype.prepare;
  SQLite.prototype.prepare = function prepare(this: SQLite.Database, sql: string) {
    prepared.push(sql);
    return original.call(this, sql);
  } as typeof original;
  t.after(() => {
    SQLite.prototype.prepare = original;
  });
  return prepared;
}

describe("withStatementCache", () => {
  it("prepares the query of 100 identical gets once", async (t) => {
    const store = await openStore({
      databaseUrl: "sqlite::memory:",
      dataDir: tmpdir(),
      encryptionKey: randomBytes(32),
    });
    t.after(() => store.close());
    const user = await store.users.create({ display_name: "Ada" });
    const prepared = countPrepares(t);
    for (let i = 0; i < 100; i++) assert.equal((await store.users.get(user.id))?.display_name, "Ada");
    assert.equal(prepared.length, 1);
    assert.match(prepared[0], /^select .* from "users" where "id" = \?$/);
  });

  it("keeps the most recently used statements, up to its capacity", (t) => {
    const database = new SQLite(":memory:");
    const cached = withStatementCache(database, 2);
    t.after(() => cached.close());
    const prepared = countPrepares(t);
    const a = cached.prepare("select 1");
    cached.prepare("select 2");
    assert.equal(cached.prepare("select 1"), a); // now the most recent
    cached.prepare("select 3"); // drops "select 2"
    assert.equal(cached.prepare("select 1"), a);
    cached.prepare("select 2");
    assert.deepEqual(prepared, ["select 1", "select 2", "select 3", "select 2"]);
  });

  it("hands a busy statement (a stream being read) to no one else", (t) => {
    const database = new SQLite(":memory:");
    const cached = withStatementCache(database);
    t.after(() => cached.close());
    const first = cached.prepare("select 1 as n union all select 2");
    const rows = first.iterate([]);
    assert.deepEqual(rows.next().value, { n: 1 });
    const second = cached.prepare("select 1 as n union all select 2");
    assert.notEqual(second, first);
    assert.deepEqual(second.all([]), [{ n: 1 }, { n: 2 }]);
    assert.deepEqual([...rows], [{ n: 2 }]);
  });

  it("runs writes and reads alike, each with its own parameters", (t) => {
    const cached = withStatementCache(new SQLite(":memory:"));
    t.after(() => cached.close());
    cached.prepare("create table t (n integer)").run([]);
    const insert = cached.prepare("insert into t (n) values (?)");
    assert.equal(insert.reader, false);
    for (const n of [1, 2, 3]) assert.equal(cached.prepare("insert into t (n) values (?)").run([n]).changes, 1);
    const select = cached.prepare("select n from t where n >= ? order by n");
    assert.equal(select.reader, true);
    assert.deepEqual(select.all([2]), [{ n: 2 }, { n: 3 }]);
    assert.deepEqual(cached.prepare("select n from t where n >= ? order by n").all([3]), [{ n: 3 }]);
  });

  it("closes the database", () => {
    const database = new SQLite(":memory:");
    withStatementCache(database).close();
    assert.equal(database.open, false);
  });
});

describe("sqliteAccess", () => {
  it("reads directly outside a transaction, sharing the statements Kysely uses", (t) => {
    const access = sqliteAccess(new SQLite(":memory:"));
    t.after(() => access.kysely.close());
    access.kysely.prepare("create table t (n integer)").run([]);
    access.kysely.prepare("insert into t (n) values (?)").run([1]);
    const prepared = countPrepares(t);
    const kyselys = access.kysely.prepare("select n from t where n >= ?");
    assert.deepEqual(access.direct.all("select n from t where n >= ?", [0]), [{ n: 1 }]);
    assert.equal(access.kysely.prepare("select n from t where n >= ?"), kyselys);
    assert.deepEqual(prepared, ["select n from t where n >= ?"]);
  });

  it("leaves writes, and reads inside an open transaction, to Kysely", (t) => {
    const database = new SQLite(":memory:");
    const access = sqliteAccess(database);
    t.after(() => access.kysely.close());
    access.kysely.prepare("create table t (n integer)").run([]);
    assert.equal(access.direct.all("insert into t (n) values (?)", [1]), undefined);
    assert.deepEqual(access.direct.all("select n from t", []), []);
    database.exec("begin");
    database.exec("insert into t (n) values (2)");
    assert.equal(access.direct.all("select n from t", []), undefined);
    database.exec("rollback");
    assert.deepEqual(access.direct.all("select n from t", []), []);
  });
});
