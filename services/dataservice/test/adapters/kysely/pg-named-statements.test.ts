/**
 * Named statements on PostgreSQL: the registry, and a store whose hot query is parsed once per pooled
 * connection instead of once per call. The store half needs PostgreSQL at 127.0.0.1:5432 (skipped
 * without it, unless CI=true).
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { describe, it } from "node:test";
import { postgresReachable, TEST_POSTGRES_URL } from "@jeeves/testing";
import pg from "pg";
import { openStore } from "../../../src/adapters/database.ts";
import { MAX_NAMED_STATEMENTS, NamedStatements } from "../../../src/adapters/kysely/pg-named-statements.ts";

const PG_URL = TEST_POSTGRES_URL;

const reachable = await postgresReachable(PG_URL);

describe("NamedStatements", () => {
  it("names a registered text, once, and nothing else", () => {
    const names = new NamedStatements();
    names.register("select 1");
    names.register("select 1");
    names.register("select 2");
    assert.equal(names.nameOf("select 1"), "jeeves_1");
    assert.equal(names.nameOf("select 2"), "jeeves_2");
    assert.equal(names.nameOf("select 3"), undefined);
  });

  it(`names at most ${MAX_NAMED_STATEMENTS} texts`, () => {
    const names = new NamedStatements();
    for (let i = 0; i <= MAX_NAMED_STATEMENTS; i++) names.register(`select ${i}`);
    assert.equal(names.nameOf(`select ${MAX_NAMED_STATEMENTS - 1}`), `jeeves_${MAX_NAMED_STATEMENTS}`);
    assert.equal(names.nameOf(`select ${MAX_NAMED_STATEMENTS}`), undefined);
  });
});

describe("the store on PostgreSQL", {
  skip: reachable || process.env.CI === "true" ? false : "PostgreSQL not reachable",
}, () => {
  it("parses the query of 100 identical gets once per pooled connection, by name", async (t) => {
    const schema = `jeeves_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client(PG_URL);
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    t.after(async () => {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    });
    const url = `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const store = await openStore({ databaseUrl: url, dataDir: tmpdir(), encryptionKey: randomBytes(32) });
    t.after(() => store.close());
    const user = await store.users.create({ display_name: "Ada" });

    const parses: { text: string; name?: string }[] = [];
    const original = pg.Connection.prototype.parse;
    pg.Connection.prototype.parse = function parse(this: pg.Connection, query, more) {
      parses.push({ text: query.text, name: query.name });
      return original.call(this, query, more);
    };
    t.after(() => {
      pg.Connection.prototype.parse = original;
    });
    for (let i = 0; i < 100; i++) assert.equal((await store.users.get(user.id))?.display_name, "Ada");

    assert.ok(parses.length >= 1 && parses.length <= 10, `${parses.length} parses (at most one per connection)`);
    for (const { text, name } of parses) {
      assert.match(text, /^select .* from "users" where "id" = \$1$/);
      assert.match(name ?? "", /^jeeves_\d+$/);
    }
  });
});
