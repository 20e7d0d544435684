import assert from "node:assert/strict";
import { test } from "node:test";
import { guardStore, isDatabaseUnreachable } from "../../src/adapters/unreachable.ts";
import { ConflictError, type Store, StoreUnavailableError } from "../../src/domain/store.ts";

const withCode = (code: string, message = "boom") => Object.assign(new Error(message), { code });

test("a database that cannot be reached is told from one that refuses a query", () => {
  for (const error of [
    withCode("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432"),
    withCode("ECONNRESET"),
    withCode("ETIMEDOUT"),
    withCode("EPIPE"),
    withCode("57P01", "terminating connection due to administrator command"),
    withCode("57P03", "the database system is starting up"),
    withCode("08006", "connection failure"),
    withCode("53300", "sorry, too many clients already"),
    withCode("SQLITE_BUSY", "database is locked"),
    new Error("Connection terminated unexpectedly"),
    new Error("Connection terminated due to connection timeout", { cause: new Error("Connection terminated") }),
    new Error("timeout exceeded when trying to connect"),
    new Error("Client has encountered a connection error and is not queryable"),
    new Error("Postgres connection has been discarded"),
    Object.assign(new AggregateError([withCode("ECONNREFUSED")], "")),
    new Error("wrapped", { cause: withCode("ECONNRESET") }),
  ]) {
    assert.equal(isDatabaseUnreachable(error), true, String(error));
  }
  for (const error of [
    withCode("23505", "duplicate key value violates unique constraint"),
    withCode("42601", "syntax error"),
    withCode("28P01", "password authentication failed"),
    withCode("SQLITE_CONSTRAINT_UNIQUE"),
    new Error("something else"),
    "ECONNREFUSED",
    undefined,
  ]) {
    assert.equal(isDatabaseUnreachable(error), false, String(error));
  }
});

test("guardStore turns unreachable into StoreUnavailableError and lets other errors through", async () => {
  const failing = (error: unknown) => async () => {
    throw error;
  };
  const raw = {
    users: {
      get: failing(withCode("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432")),
      create: failing(new ConflictError("email")),
    },
    settings: {},
    workspaces: {},
    alerts: {},
    dialect: "postgres",
    ping: failing(new Error("Connection terminated unexpectedly")),
    close: async () => {},
  } as unknown as Store;
  const store = guardStore(raw);
  await assert.rejects(store.users.get("x"), (error: Error) => {
    assert.ok(error instanceof StoreUnavailableError);
    assert.equal(error.message, "connect ECONNREFUSED 127.0.0.1:5432");
    return true;
  });
  await assert.rejects(store.users.create({ display_name: "x" }), ConflictError);
  await assert.rejects(store.ping(), StoreUnavailableError);
  assert.equal(store.dialect, "postgres");
});
