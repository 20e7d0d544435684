/**
 * The admin bootstrap against a real store, as two replicas starting together meet it: two stores on one
 * SQLite file, and on one PostgreSQL schema (skipped without PostgreSQL, unless CI=true).
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { verifyPassword } from "@jeeves/service-kit";
import { postgresReachable } from "@jeeves/testing";
import pg from "pg";
import { openStore } from "../../src/adapters/database.ts";
import { bootstrapAdmin } from "../../src/domain/bootstrap-admin.ts";
import type { Store } from "../../src/domain/store.ts";

const PG_URL = "postgres://postgres@127.0.0.1:5432/test";
const reachable = await postgresReachable(PG_URL);

/** Two stores on one database (two replicas), closed with `close`. */
interface Replicas {
  a: Store;
  b: Store;
  close(): Promise<void>;
}

const backends: { name: string; skip: string | false; open(): Promise<Replicas> }[] = [
  {
    name: "sqlite",
    skip: false,
    async open() {
      const dataDir = await mkdtemp(join(tmpdir(), "dataservice-bootstrap-"));
      const key = randomBytes(32);
      const a = await openStore({ dataDir, encryptionKey: key });
      const b = await openStore({ dataDir, encryptionKey: key });
      return {
        a,
        b,
        async close() {
          await a.close();
          await b.close();
          await rm(dataDir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: "postgres",
    skip: reachable || process.env.CI === "true" ? false : "PostgreSQL not reachable at 127.0.0.1:5432: skipped",
    async open() {
      if (!reachable) throw new Error("PostgreSQL not reachable at 127.0.0.1:5432 (required when CI=true)");
      const schema = `jeeves_test_${randomBytes(6).toString("hex")}`;
      const admin = new pg.Client(PG_URL);
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      const url = `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      const key = randomBytes(32);
      const a = await openStore({ databaseUrl: url, dataDir: tmpdir(), encryptionKey: key });
      const b = await openStore({ databaseUrl: url, dataDir: tmpdir(), encryptionKey: key });
      return {
        a,
        b,
        async close() {
          await a.close();
          await b.close();
          await admin.query(`drop schema ${schema} cascade`);
          await admin.end();
        },
      };
    },
  },
];

const EMAIL = "admin@jeeves.local";

for (const backend of backends) {
  describe(`bootstrapAdmin on ${backend.name}`, { skip: backend.skip }, () => {
    it("with a configured password: creates the admin once, even when replicas start together", async (t) => {
      const { a, b, close } = await backend.open();
      t.after(close);
      const results = await Promise.all([
        bootstrapAdmin(a, { email: EMAIL, password: "first-password" }),
        bootstrapAdmin(b, { email: EMAIL, password: "first-password" }),
        bootstrapAdmin(a, { email: EMAIL, password: "first-password" }),
      ]);
      assert.deepEqual(
        results.filter((result) => result !== undefined),
        [{ email: EMAIL }],
        "exactly one start created it, none failed",
      );
      const admin = await a.users.findByEmail(EMAIL);
      assert.equal(admin?.is_admin, true);
      assert.equal(admin?.display_name, "Administrator");
      assert.ok(await verifyPassword("first-password", admin?.password_hash));
      assert.equal(await a.users.count(), 1);
    });

    it("never changes an existing user: not its password, not is_admin; creates one beside other users", async (t) => {
      const { a, close } = await backend.open();
      t.after(close);
      const other = await a.users.create({ display_name: "Bertie", email: "bertie@example.com" });
      assert.deepEqual(await bootstrapAdmin(a, { email: EMAIL, password: "first-password" }), { email: EMAIL });
      const created = await a.users.findByEmail(EMAIL);
      assert.ok(created);
      await a.users.update(created.id, { is_admin: false, display_name: "Demoted" });
      assert.equal(await bootstrapAdmin(a, { email: EMAIL, password: "another-password" }), undefined);
      const after = await a.users.findByEmail(EMAIL);
      assert.equal(after?.is_admin, false, "a demoted admin stays demoted");
      assert.equal(after?.display_name, "Demoted");
      assert.ok(await verifyPassword("first-password", after?.password_hash), "the password stays");
      assert.equal(await bootstrapAdmin(a, { email: "ADMIN@jeeves.local", password: "another-password" }), undefined);
      assert.deepEqual(await a.users.get(other.id), other);
      // Deleted, it comes back at the next start with the configured password.
      await a.users.delete(created.id);
      assert.deepEqual(await bootstrapAdmin(a, { email: EMAIL, password: "another-password" }), { email: EMAIL });
      assert.ok(await verifyPassword("another-password", (await a.users.findByEmail(EMAIL))?.password_hash));
    });

    it("without a password: only the very first start creates it, with a generated password, once", async (t) => {
      const { a, b, close } = await backend.open();
      t.after(close);
      const results = await Promise.all([bootstrapAdmin(a, { email: EMAIL }), bootstrapAdmin(b, { email: EMAIL })]);
      const created = results.filter((result) => result !== undefined);
      assert.equal(created.length, 1, "one start created it");
      const password = created[0]?.generatedPassword ?? "";
      assert.match(password, /^[A-Za-z0-9_-]{16}$/);
      assert.ok(await verifyPassword(password, (await a.users.findByEmail(EMAIL))?.password_hash));
      assert.equal(await bootstrapAdmin(a, { email: "other@jeeves.local" }), undefined, "users exist: nothing");
      assert.equal(await a.users.count(), 1);
    });
  });
}
