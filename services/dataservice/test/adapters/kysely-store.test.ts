/**
 * One table of store behaviours, run against SQLite and PostgreSQL. Each behaviour gets a fresh store:
 * a temp-dir SQLite file, or a fresh PostgreSQL schema (selected with `options=-c search_path=…`) that
 * is dropped afterwards. Without PostgreSQL the PostgreSQL half is skipped, unless CI=true.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { postgresReachable } from "@jeeves/testing";
import SQLite from "better-sqlite3";
import pg from "pg";
import { openStore } from "../../src/adapters/database.ts";
import { decryptSecret } from "../../src/adapters/secret-box.ts";
import {
  AlreadyClaimedError,
  BadCursorError,
  ConflictError,
  StaleError,
  type Store,
  type UserRecord,
} from "../../src/domain/store.ts";
import { isUuid7 } from "../../src/domain/uuid7.ts";

const PG_URL = "postgres://postgres@127.0.0.1:5432/test";
const PG_SKIPPED = "PostgreSQL not reachable at 127.0.0.1:5432: skipped";
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A store to test plus raw SQL access (`$1` placeholders) to its database. */
interface Harness {
  store: Store;
  key: Buffer;
  raw(text: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

interface Backend {
  name: "sqlite" | "postgres";
  skip: string | false;
  open(): Promise<Harness>;
}

const reachable = await postgresReachable(PG_URL);

const sqliteBackend: Backend = {
  name: "sqlite",
  skip: false,
  async open() {
    const dataDir = await mkdtemp(join(tmpdir(), "dataservice-test-"));
    const key = randomBytes(32);
    const store = await openStore({ dataDir, encryptionKey: key });
    const db = new SQLite(join(dataDir, "dataservice.sqlite"), { readonly: true });
    return {
      store,
      key,
      async raw(text, params) {
        return db.prepare(text.replace(/\$\d+/g, "?")).all(...params) as Record<string, unknown>[];
      },
      async close() {
        db.close();
        await store.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  },
};

const postgresBackend: Backend = {
  name: "postgres",
  skip: reachable || process.env.CI === "true" ? false : PG_SKIPPED,
  async open() {
    if (!reachable) throw new Error("PostgreSQL not reachable at 127.0.0.1:5432 (required when CI=true)");
    const schema = `jeeves_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client(PG_URL);
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.query(`set search_path to ${schema}`);
    const url = `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const key = randomBytes(32);
    const store = await openStore({ databaseUrl: url, dataDir: tmpdir(), encryptionKey: key });
    return {
      store,
      key,
      async raw(text, params) {
        return (await admin.query(text, params)).rows;
      },
      async close() {
        await store.close();
        await admin.query(`drop schema ${schema} cascade`);
        await admin.end();
      },
    };
  },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cursorOf = (text: string) => Buffer.from(text, "utf8").toString("base64url");

async function allPages(store: Store, limit: number, filter = {}): Promise<{ pages: UserRecord[][] }> {
  const pages: UserRecord[][] = [];
  let cursor: string | undefined;
  do {
    const page = await store.users.list(filter, limit, cursor);
    pages.push(page.items);
    cursor = page.next_cursor;
  } while (cursor !== undefined);
  return { pages };
}

type Behaviour = [name: string, run: (h: Harness, backend: Backend["name"]) => Promise<void>];

const behaviours: Behaviour[] = [
  [
    "opens on the expected dialect and answers ping",
    async ({ store }, backend) => {
      assert.equal(store.dialect, backend);
      await store.ping();
    },
  ],
  [
    "create then get: uuid7 id, version 1, ISO timestamps, NULL fields absent",
    async ({ store }) => {
      const user = await store.users.create({ display_name: "Ada" });
      assert.ok(isUuid7(user.id));
      assert.deepEqual(Object.keys(user).sort(), [
        "created_at",
        "display_name",
        "id",
        "is_admin",
        "updated_at",
        "version",
      ]);
      assert.equal(user.is_admin, false);
      assert.equal(user.version, 1);
      assert.match(user.created_at, ISO);
      assert.equal(user.updated_at, user.created_at);
      assert.deepEqual(await store.users.get(user.id), user);
      assert.equal(await store.users.get("01890000-0000-7000-8000-000000000000"), undefined);
      assert.equal(await store.users.count(), 1);
    },
  ],
  [
    "create normalizes the email; findByEmail is case-insensitive and returns the hash",
    async ({ store }) => {
      const user = await store.users.create({
        email: "  Alice@Example.COM ",
        display_name: "Alice",
        password_hash: "scrypt$x",
        slack_team_id: "T1",
        slack_user_id: "U1",
        is_admin: true,
      });
      assert.equal(user.email, "alice@example.com");
      assert.equal(user.is_admin, true);
      assert.equal(user.slack_team_id, "T1");
      assert.equal(user.slack_user_id, "U1");
      const fetched = await store.users.get(user.id);
      assert.deepEqual(fetched, user);
      assert.equal("password_hash" in (fetched ?? {}), false);
      assert.deepEqual(await store.users.findByEmail(" ALICE@example.com"), { ...user, password_hash: "scrypt$x" });
      assert.equal(await store.users.findByEmail("bob@example.com"), undefined);
      const bob = await store.users.create({ email: "bob@example.com", display_name: "Bob" });
      assert.equal("password_hash" in ((await store.users.findByEmail("bob@example.com")) ?? {}), false);
      assert.equal(bob.is_admin, false);
    },
  ],
  [
    "list paginates in creation order across pages",
    async ({ store }) => {
      const created: string[] = [];
      for (let i = 0; i < 5; i++) created.push((await store.users.create({ display_name: `u${i}` })).id);
      const first = await store.users.list({}, 2);
      assert.equal(first.items.length, 2);
      assert.ok(first.next_cursor);
      const { pages } = await allPages(store, 2);
      assert.deepEqual(
        pages.map((p) => p.length),
        [2, 2, 1],
      );
      assert.deepEqual(
        pages.flat().map((u) => u.id),
        created,
      );
      const exact = await store.users.list({}, 5);
      assert.equal(exact.items.length, 5);
      assert.equal("next_cursor" in exact, false);
      assert.ok((await store.users.list({}, 4)).next_cursor);
      assert.deepEqual(await store.users.list({}, 2, cursorOf(created[4])), { items: [] });
      assert.equal(await store.users.count(), 5);
    },
  ],
  [
    "list filters by email, slack_team_id and slack_user_id",
    async ({ store }) => {
      const a = await store.users.create({
        display_name: "a",
        email: "a@x.io",
        slack_team_id: "T1",
        slack_user_id: "U1",
      });
      const b = await store.users.create({ display_name: "b", slack_team_id: "T1", slack_user_id: "U2" });
      const c = await store.users.create({ display_name: "c", slack_team_id: "T2", slack_user_id: "U1" });
      await store.users.create({ display_name: "d", email: "d@x.io" });
      const ids = async (filter: object, limit = 10) => (await store.users.list(filter, limit)).items.map((u) => u.id);
      assert.deepEqual(await ids({ email: " A@X.IO" }), [a.id]);
      assert.deepEqual(await ids({ slack_team_id: "T1" }), [a.id, b.id]);
      assert.deepEqual(await ids({ slack_user_id: "U1" }), [a.id, c.id]);
      assert.deepEqual(await ids({ slack_team_id: "T1", slack_user_id: "U2" }), [b.id]);
      assert.deepEqual(await store.users.list({ slack_team_id: "T9" }, 10), { items: [] });
      const page1 = await store.users.list({ slack_team_id: "T1" }, 1);
      assert.deepEqual(
        page1.items.map((u) => u.id),
        [a.id],
      );
      const page2 = await store.users.list({ slack_team_id: "T1" }, 1, page1.next_cursor);
      assert.deepEqual(page2, { items: [b] });
    },
  ],
  [
    "list finds text in the email or display name, ignoring case; % _ and \\ match only themselves; pages on",
    async ({ store }) => {
      const named = async (display_name: string, email?: string) => store.users.create({ display_name, email });
      const bertie = await named("Bertie Wooster", "bertie@drones.example");
      const gussie = await named("Gussie Fink-Nottle", "gussie@DRONES.example");
      const tuppy = await named("Tuppy Glossop");
      const percent = await named("100% Wooster");
      const under = await named("snake_case", "under_score@example.com");
      const slash = await named("back\\slash");
      const ids = async (q: string, filter: object = {}) =>
        (await store.users.list({ ...filter, q }, 50)).items.map((u) => u.id);
      assert.deepEqual(await ids("wooster"), [bertie.id, percent.id], "display names, any case");
      assert.deepEqual(await ids("DRONES"), [bertie.id, gussie.id], "emails, any case (stored lower-cased)");
      assert.deepEqual(await ids("ooste"), [bertie.id, percent.id], "a part of a word");
      assert.deepEqual(await ids("score@EX"), [under.id], "a part of an email");
      assert.deepEqual(await ids("tuppy glossop"), [tuppy.id]);
      assert.deepEqual(await ids("%"), [percent.id], "% is not a wildcard");
      assert.deepEqual(await ids("0% w"), [percent.id]);
      assert.deepEqual(await ids("_"), [under.id], "_ is not a wildcard");
      assert.deepEqual(await ids("e_c"), [under.id]);
      assert.deepEqual(await ids("s_ake"), [], "_ does not match the n");
      assert.deepEqual(await ids("\\"), [slash.id], "a backslash matches itself");
      assert.deepEqual(await ids("k\\s"), [slash.id]);
      assert.deepEqual(await ids("\\%"), [], "an escape of the user's own does not escape");
      assert.deepEqual(await ids("nobody"), []);
      assert.deepEqual(await ids("wooster", { email: "bertie@drones.example" }), [bertie.id], "with the other filters");
      // Pages on with the cursor, the filter kept.
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await store.users.list({ q: "o" }, 2, cursor);
        pages.push(page.items.map((u) => u.id));
        cursor = page.next_cursor;
      } while (cursor !== undefined);
      assert.deepEqual(pages, [[bertie.id, gussie.id], [tuppy.id, percent.id], [under.id]]);
    },
  ],
  [
    "list rejects a cursor it did not hand out",
    async ({ store }) => {
      const user = await store.users.create({ display_name: "a" });
      const bad = [
        "",
        "not a cursor!",
        cursorOf("hello"),
        cursorOf("0b6f2c1e-8e9a-4c1d-9a3b-6e2f1d0c9b8a"), // a UUIDv4
        `${cursorOf(user.id)}==`,
        cursorOf(user.id.toUpperCase()),
      ];
      for (const cursor of bad) {
        await assert.rejects(store.users.list({}, 10, cursor), BadCursorError, `cursor ${JSON.stringify(cursor)}`);
      }
      assert.deepEqual(await store.users.list({}, 10, cursorOf(user.id)), { items: [] });
    },
  ],
  [
    "a duplicate email, in any case, is ConflictError('email')",
    async ({ store }) => {
      await store.users.create({ email: "dup@example.com", display_name: "one" });
      await assert.rejects(
        store.users.create({ email: " DUP@Example.com", display_name: "two" }),
        (err: unknown) => err instanceof ConflictError && err.field === "email",
      );
      assert.equal(await store.users.count(), 1);
    },
  ],
  [
    "a duplicate Slack identity is ConflictError('slack_identity')",
    async ({ store }) => {
      await store.users.create({ display_name: "one", slack_team_id: "T1", slack_user_id: "U1" });
      await assert.rejects(
        store.users.create({ display_name: "two", slack_team_id: "T1", slack_user_id: "U1" }),
        (err: unknown) => err instanceof ConflictError && err.field === "slack_identity",
      );
      await store.users.create({ display_name: "same user, other team", slack_team_id: "T2", slack_user_id: "U1" });
      await store.users.create({ display_name: "same team, other user", slack_team_id: "T1", slack_user_id: "U2" });
      assert.equal(await store.users.count(), 3);
    },
  ],
  [
    "update changes the given fields, bumps the version and refreshes updated_at",
    async ({ store }) => {
      const user = await store.users.create({ email: "a@x.io", display_name: "a" });
      await sleep(5);
      const updated = await store.users.update(user.id, { display_name: "A", is_admin: true });
      assert.ok(updated);
      assert.equal(updated.display_name, "A");
      assert.equal(updated.is_admin, true);
      assert.equal(updated.email, "a@x.io");
      assert.equal(updated.version, 2);
      assert.equal(updated.created_at, user.created_at);
      assert.ok(updated.updated_at > user.updated_at);
      assert.match(updated.updated_at, ISO);
      const again = await store.users.update(user.id, { email: " New@X.io", password_hash: "h" }, 2);
      assert.equal(again?.email, "new@x.io");
      assert.equal(again?.version, 3);
      assert.equal((await store.users.findByEmail("new@x.io"))?.password_hash, "h");
      assert.deepEqual(await store.users.get(user.id), again);
      assert.equal(await store.users.update("01890000-0000-7000-8000-000000000000", { display_name: "x" }), undefined);
    },
  ],
  [
    "update to another user's email is ConflictError('email') and changes nothing",
    async ({ store }) => {
      await store.users.create({ email: "taken@x.io", display_name: "a" });
      const b = await store.users.create({ email: "b@x.io", display_name: "b" });
      await assert.rejects(
        store.users.update(b.id, { email: "TAKEN@x.io", display_name: "bb" }),
        (err: unknown) => err instanceof ConflictError && err.field === "email",
      );
      assert.deepEqual(await store.users.get(b.id), b);
    },
  ],
  [
    "update with a stale expectedVersion throws StaleError with the current version",
    async ({ store }) => {
      const user = await store.users.create({ display_name: "a" });
      await store.users.update(user.id, { display_name: "b" });
      await assert.rejects(
        store.users.update(user.id, { display_name: "c" }, 1),
        (err: unknown) => err instanceof StaleError && err.current === 2,
      );
      const current = await store.users.get(user.id);
      assert.equal(current?.display_name, "b");
      assert.equal(current?.version, 2);
    },
  ],
  [
    "delete checks the version, removes the user and cascades to its settings",
    async ({ store, raw }) => {
      const user = await store.users.create({ display_name: "a" });
      const other = await store.users.create({ display_name: "b" });
      await store.settings.set(user.id, "k1", "v1");
      await store.settings.set(user.id, "k2", "v2");
      await store.settings.set(other.id, "k1", "v1");
      await assert.rejects(
        store.users.delete(user.id, 7),
        (err: unknown) => err instanceof StaleError && err.current === 1,
      );
      assert.equal(await store.users.delete(user.id, 1), true);
      assert.equal(await store.users.get(user.id), undefined);
      assert.deepEqual(await raw("SELECT key FROM settings WHERE user_id = $1", [user.id]), []);
      assert.equal((await store.settings.list(other.id))?.length, 1);
      assert.equal(await store.users.delete(user.id), false);
      assert.equal(await store.users.count(), 1);
    },
  ],
  [
    "findOrCreateBySlack creates, then finds the same user",
    async ({ store }) => {
      const first = await store.users.findOrCreateBySlack({ slack_team_id: "T1", slack_user_id: "U1" });
      assert.equal(first.created, true);
      assert.equal(first.user.display_name, "U1");
      assert.equal(first.user.version, 1);
      const second = await store.users.findOrCreateBySlack({
        slack_team_id: "T1",
        slack_user_id: "U1",
        display_name: "X",
      });
      assert.equal(second.created, false);
      assert.deepEqual(second.user, first.user);
      const named = await store.users.findOrCreateBySlack({
        slack_team_id: "T1",
        slack_user_id: "U2",
        display_name: "Bo",
      });
      assert.equal(named.created, true);
      assert.equal(named.user.display_name, "Bo");
    },
  ],
  [
    "10 concurrent findOrCreateBySlack calls for one identity make one user",
    async ({ store }) => {
      const identity = { slack_team_id: "TRACE", slack_user_id: "URACE" };
      const results = await Promise.all(Array.from({ length: 10 }, () => store.users.findOrCreateBySlack(identity)));
      assert.equal(results.filter((r) => r.created).length, 1);
      assert.equal(new Set(results.map((r) => r.user.id)).size, 1);
      assert.equal((await store.users.list(identity, 10)).items.length, 1);
      assert.equal(await store.users.count(), 1);
    },
  ],
  [
    "settings: set (upsert), get, list by key, delete",
    async ({ store }) => {
      const user = await store.users.create({ display_name: "a" });
      assert.deepEqual(await store.settings.list(user.id), []);
      const tz = await store.settings.set(user.id, "tz", "UTC");
      assert.ok(tz);
      assert.deepEqual(Object.keys(tz).sort(), ["key", "updated_at", "value"]);
      assert.equal(tz.value, "UTC");
      assert.match(tz.updated_at, ISO);
      await store.settings.set(user.id, "lang", "en");
      await sleep(5);
      const changed = await store.settings.set(user.id, "tz", "Europe/Paris");
      assert.equal(changed?.value, "Europe/Paris");
      assert.ok((changed?.updated_at ?? "") > tz.updated_at);
      assert.deepEqual(await store.settings.get(user.id, "tz"), changed);
      assert.deepEqual(
        (await store.settings.list(user.id))?.map((s) => [s.key, s.value]),
        [
          ["lang", "en"],
          ["tz", "Europe/Paris"],
        ],
      );
      assert.equal(await store.settings.delete(user.id, "tz"), true);
      assert.equal(await store.settings.delete(user.id, "tz"), false);
      assert.equal(await store.settings.get(user.id, "tz"), undefined);
      assert.equal((await store.settings.list(user.id))?.length, 1);
    },
  ],
  [
    "settings of a missing user are undefined / false",
    async ({ store }) => {
      const missing = "01890000-0000-7000-8000-000000000000";
      assert.equal(await store.settings.list(missing), undefined);
      assert.equal(await store.settings.get(missing, "k"), undefined);
      assert.equal(await store.settings.set(missing, "k", "v"), undefined);
      assert.equal(await store.settings.delete(missing, "k"), false);
    },
  ],
  [
    "location: set, read through users.get, delete; each change bumps the version",
    async ({ store }) => {
      const user = await store.users.create({ display_name: "a" });
      const saved = await store.users.setLocation(user.id, { place: "Paris", lat: 48.8566, lon: 2.3522 });
      assert.deepEqual(saved, { place: "Paris", lat: 48.8566, lon: 2.3522 });
      const withLocation = await store.users.get(user.id);
      assert.deepEqual(withLocation?.location, saved);
      assert.equal(withLocation?.version, 2);
      assert.deepEqual(await store.users.setLocation(user.id, { place: "Somewhere" }), { place: "Somewhere" });
      const placeOnly = await store.users.get(user.id);
      assert.deepEqual(placeOnly?.location, { place: "Somewhere" });
      assert.equal(placeOnly?.version, 3);
      assert.equal(await store.users.deleteLocation(user.id), true);
      const without = await store.users.get(user.id);
      assert.equal(without && "location" in without, false);
      assert.equal(without?.version, 4);
      assert.equal(await store.users.deleteLocation(user.id), false);
      assert.equal((await store.users.get(user.id))?.version, 4);
      const missing = "01890000-0000-7000-8000-000000000000";
      assert.equal(await store.users.setLocation(missing, { place: "x" }), undefined);
      assert.equal(await store.users.deleteLocation(missing), false);
    },
  ],
  [
    "workspaces: upsert creates, then updates keeping installed_at",
    async ({ store }) => {
      const input = {
        team_name: "Acme",
        bot_user_id: "B1",
        bot_token: "xoxb-first",
        scopes: ["chat:write", "im:history"],
      };
      const first = await store.workspaces.upsert("T1", input);
      assert.equal(first.created, true);
      assert.deepEqual(first.workspace, {
        team_id: "T1",
        ...input,
        installed_at: first.workspace.installed_at,
        updated_at: first.workspace.installed_at,
      });
      assert.match(first.workspace.installed_at, ISO);
      assert.deepEqual(await store.workspaces.get("T1"), first.workspace);
      await sleep(5);
      const second = await store.workspaces.upsert("T1", {
        ...input,
        team_name: "Acme 2",
        bot_token: "xoxb-second",
        scopes: [],
      });
      assert.equal(second.created, false);
      assert.equal(second.workspace.installed_at, first.workspace.installed_at);
      assert.ok(second.workspace.updated_at > first.workspace.updated_at);
      assert.deepEqual(await store.workspaces.get("T1"), second.workspace);
      assert.equal(second.workspace.bot_token, "xoxb-second");
      assert.deepEqual(second.workspace.scopes, []);
      assert.equal(await store.workspaces.get("T2"), undefined);
    },
  ],
  [
    "workspaces: list paginates by team_id and rejects a bad cursor",
    async ({ store }) => {
      for (const team of ["T3", "T1", "T2"]) {
        await store.workspaces.upsert(team, {
          team_name: team,
          bot_user_id: "B",
          bot_token: `xoxb-${team}`,
          scopes: [],
        });
      }
      const first = await store.workspaces.list(2);
      assert.deepEqual(
        first.items.map((w) => w.team_id),
        ["T1", "T2"],
      );
      assert.equal(first.items[0].bot_token, "xoxb-T1");
      const second = await store.workspaces.list(2, first.next_cursor);
      assert.deepEqual(
        second.items.map((w) => w.team_id),
        ["T3"],
      );
      assert.equal("next_cursor" in second, false);
      for (const cursor of ["", "%%%", cursorOf("has space"), cursorOf("T1").concat("==")]) {
        await assert.rejects(store.workspaces.list(2, cursor), BadCursorError);
      }
    },
  ],
  [
    "workspaces: the token round-trips and the database holds only ciphertext",
    async ({ store, raw, key }) => {
      const token = "xoxb-1234567890-SECRET-token";
      await store.workspaces.upsert("T1", { team_name: "Acme", bot_user_id: "B1", bot_token: token, scopes: ["a"] });
      assert.equal((await store.workspaces.get("T1"))?.bot_token, token);
      const rows = await raw("SELECT * FROM workspaces WHERE team_id = $1", ["T1"]);
      assert.equal(rows.length, 1);
      const stored = String(rows[0].bot_token_enc);
      assert.match(stored, /^v1\./);
      assert.equal(JSON.stringify(rows[0]).includes("SECRET"), false);
      assert.equal(decryptSecret(key, stored), token);
      assert.equal(rows[0].scopes, '["a"]');
    },
  ],
  [
    "workspaces: delete",
    async ({ store }) => {
      await store.workspaces.upsert("T1", { team_name: "Acme", bot_user_id: "B1", bot_token: "xoxb", scopes: [] });
      assert.equal(await store.workspaces.delete("T1"), true);
      assert.equal(await store.workspaces.get("T1"), undefined);
      assert.equal(await store.workspaces.delete("T1"), false);
      assert.deepEqual(await store.workspaces.list(10), { items: [] });
    },
  ],
  [
    "alerts: listSubscriptions lists each user with an alerts setting once, with zone, units and place",
    async ({ store }) => {
      const paris = await store.users.create({ display_name: "p", slack_team_id: "T1", slack_user_id: "U1" });
      const plain = await store.users.create({ display_name: "q" });
      const off = await store.users.create({ display_name: "r", slack_team_id: "T1", slack_user_id: "U3" });
      await store.settings.set(paris.id, "alerts", "07:30");
      await store.settings.set(paris.id, "timezone", "Europe/Paris");
      await store.settings.set(paris.id, "units", "imperial");
      await store.settings.set(paris.id, "lang", "fr");
      await store.users.setLocation(paris.id, { place: "Paris", lat: 48.8566, lon: 2.3522 });
      await store.settings.set(plain.id, "alerts", "08:00");
      await store.settings.set(off.id, "timezone", "Asia/Tokyo");
      await store.users.setLocation(off.id, { place: "Tokyo" });
      assert.deepEqual(await store.alerts.listSubscriptions(10), {
        items: [
          {
            user_id: paris.id,
            slack_team_id: "T1",
            slack_user_id: "U1",
            alert_time: "07:30",
            timezone: "Europe/Paris",
            units: "imperial",
            location: "Paris",
          },
          { user_id: plain.id, alert_time: "08:00", timezone: "UTC" },
        ],
      });
      await store.settings.delete(paris.id, "alerts");
      assert.deepEqual(
        (await store.alerts.listSubscriptions(10)).items.map((s) => s.user_id),
        [plain.id],
      );
    },
  ],
  [
    "alerts: listSubscriptions paginates in user order and rejects a bad cursor",
    async ({ store }) => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const user = await store.users.create({ display_name: `u${i}` });
        if (i !== 2) {
          await store.settings.set(user.id, "alerts", `0${i}:00`);
          ids.push(user.id);
        }
      }
      const first = await store.alerts.listSubscriptions(3);
      assert.equal(first.items.length, 3);
      assert.ok(first.next_cursor);
      const second = await store.alerts.listSubscriptions(3, first.next_cursor);
      assert.equal("next_cursor" in second, false);
      assert.deepEqual(
        [...first.items, ...second.items].map((s) => [s.user_id, s.alert_time]),
        ids.map((id, i) => [id, `0${[0, 1, 3, 4][i]}:00`]),
      );
      await assert.rejects(store.alerts.listSubscriptions(3, cursorOf("hello")), BadCursorError);
      assert.deepEqual(await store.alerts.listSubscriptions(3, cursorOf(ids[3])), { items: [] });
    },
  ],
  [
    "alerts: claimSend takes a user's local date once; another date is a new claim; claims go with the user",
    async ({ store, raw }) => {
      const user = await store.users.create({ display_name: "a" });
      const other = await store.users.create({ display_name: "b" });
      const claim = await store.alerts.claimSend(user.id, "2026-11-28");
      assert.deepEqual(claim && { ...claim, claimed_at: "" }, {
        user_id: user.id,
        local_date: "2026-11-28",
        claimed_at: "",
      });
      assert.match(claim?.claimed_at ?? "", ISO);
      await assert.rejects(store.alerts.claimSend(user.id, "2026-11-28"), AlreadyClaimedError);
      assert.ok(await store.alerts.claimSend(user.id, "2026-11-29"), "the next day is a new claim");
      assert.ok(await store.alerts.claimSend(other.id, "2026-11-28"), "another user's claim is their own");
      assert.equal(await store.alerts.claimSend("01890000-0000-7000-8000-000000000000", "2026-11-28"), undefined);
      assert.equal(await store.users.delete(user.id), true);
      assert.deepEqual(await raw("SELECT local_date FROM alert_sends WHERE user_id = $1", [user.id]), []);
      assert.equal((await raw("SELECT local_date FROM alert_sends WHERE user_id = $1", [other.id])).length, 1);
    },
  ],
  [
    "alerts: of 10 concurrent claims of one user's local date exactly one succeeds",
    async ({ store }) => {
      const user = await store.users.create({ display_name: "a" });
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, () => store.alerts.claimSend(user.id, "2026-11-28")),
      );
      assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      assert.equal(refused.length, 9);
      assert.ok(refused.every((r) => r.reason instanceof AlreadyClaimedError));
    },
  ],
];

for (const backend of [sqliteBackend, postgresBackend]) {
  describe(`kysely store on ${backend.name}`, () => {
    for (const [name, run] of behaviours) {
      it(name, { skip: backend.skip }, async (t) => {
        const harness = await backend.open();
        t.after(() => harness.close());
        await run(harness, backend.name);
      });
    }
  });
}

describe("openStore on SQLite", () => {
  const key = randomBytes(32);

  it("creates the data dir, migrates once with a log line per migration, and keeps data", async (t) => {
    const root = await mkdtemp(join(tmpdir(), "dataservice-open-"));
    t.after(() => rm(root, { recursive: true, force: true }));
    const dataDir = join(root, "nested", "data");
    const logged: object[] = [];
    const logger = { info: (obj: object) => logged.push(obj) };
    const store = await openStore({ dataDir, encryptionKey: key, logger });
    const user = await store.users.create({ display_name: "kept" });
    await store.close();
    assert.deepEqual(logged, [
      { migration: "0001_users" },
      { migration: "0002_settings" },
      { migration: "0003_workspaces" },
      { migration: "0004_alert_sends" },
    ]);
    const db = new SQLite(join(dataDir, "dataservice.sqlite"), { readonly: true });
    assert.equal(db.pragma("journal_mode", { simple: true }), "wal");
    db.close();
    const reopened = await openStore({ dataDir, encryptionKey: key, logger });
    t.after(() => reopened.close());
    assert.equal(logged.length, 4);
    assert.deepEqual(await reopened.users.get(user.id), user);
  });

  it("accepts sqlite::memory: and sqlite:/path URLs", async (t) => {
    const memory = await openStore({ databaseUrl: "sqlite::memory:", dataDir: "/nonexistent", encryptionKey: key });
    t.after(() => memory.close());
    assert.equal(memory.dialect, "sqlite");
    assert.equal(await memory.users.count(), 0);
    const root = await mkdtemp(join(tmpdir(), "dataservice-url-"));
    t.after(() => rm(root, { recursive: true, force: true }));
    const file = join(root, "sub", "file.sqlite");
    const onFile = await openStore({ databaseUrl: `sqlite:${file}`, dataDir: "/nonexistent", encryptionKey: key });
    t.after(() => onFile.close());
    await onFile.users.create({ display_name: "x" });
    const db = new SQLite(file, { readonly: true });
    t.after(() => db.close());
    assert.deepEqual(db.prepare("SELECT display_name FROM users").all(), [{ display_name: "x" }]);
  });

  it("rejects an unknown URL scheme and a key that is not 32 bytes", async () => {
    await assert.rejects(openStore({ databaseUrl: "mysql://x/y", dataDir: tmpdir(), encryptionKey: key }));
    await assert.rejects(
      openStore({ databaseUrl: "sqlite::memory:", dataDir: tmpdir(), encryptionKey: randomBytes(16) }),
    );
  });
});
