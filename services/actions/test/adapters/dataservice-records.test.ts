import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTokenProvider, type TokenProvider } from "@jeeves/client-kit";
import { fetchFromInject } from "@jeeves/client-kit/testing";
import { buildTestDataservice } from "@jeeves/dataservice/testing";
import { startTestTokenDealer, type TestTokenDealer } from "@jeeves/tokendealer/testing";
import type { FastifyInstance } from "fastify";
import {
  createDataserviceRecords,
  NOT_A_SLACK_USER,
  RECORDS_NOT_ALLOWED,
} from "../../src/adapters/dataservice-records.ts";
import { type ChatIdentity, RecordsRejected, RecordsUnavailable, UserGone } from "../../src/domain/user-records.ts";

const BERTIE: ChatIdentity = { source: "slack", team: "T0DRONES1", user: "U0BERTIE1" };

let dealer: TestTokenDealer;
let dataservice: { app: FastifyInstance; close(): Promise<void> };
let client: { id: string; secret: string };

before(async () => {
  dealer = await startTestTokenDealer({ unref: true });
  client = await dealer.addClient("actions-records-test", ["users:read", "users:write"], ["dataservice"]);
  dataservice = await buildTestDataservice(dealer);
});
after(() => dataservice.close());

function auth(secret = client.secret, id = client.id): TokenProvider {
  return createTokenProvider({
    tokendealerUrl: dealer.url,
    clientId: id,
    clientSecret: secret,
    audience: "dataservice",
  });
}

function records(fetch = fetchFromInject(dataservice.app), provider = auth()) {
  return createDataserviceRecords({ baseUrl: "http://dataservice.test", auth: provider, fetch });
}

const fakeAuth: TokenProvider = { token: async () => "not-a-real-token", invalidate() {} };

/** A fetch that answers every request with `status` and a problem. */
function answering(status: number) {
  return async () =>
    new Response(JSON.stringify({ type: "urn:jeeves:problem:x", title: "X", status }), {
      status,
      headers: { "content-type": "application/problem+json" },
    });
}

describe("dataservice records", () => {
  for (const encoding of ["json", "msgpack", "protobuf"] as const) {
    it(`keep a Slack user's settings and place (${encoding})`, async () => {
      const store = createDataserviceRecords({
        baseUrl: "http://dataservice.test",
        auth: auth(),
        fetch: fetchFromInject(dataservice.app),
        encoding,
      });
      const identity = { ...BERTIE, user: `U0${encoding.toUpperCase()}` };
      const id = await store.findOrCreate(identity);
      assert.equal(await store.findOrCreate(identity), id, "the same identity is the same user");
      assert.deepEqual(await store.listSettings(id), []);
      assert.equal(await store.getSetting(id, "units"), undefined);
      await store.setSetting(id, "units", "metric");
      await store.setSetting(id, "units", "imperial");
      assert.equal(await store.getSetting(id, "units"), "imperial");
      assert.deepEqual(await store.listSettings(id), [{ key: "units", value: "imperial" }]);
      assert.equal(await store.deleteSetting(id, "units"), true);
      assert.equal(await store.deleteSetting(id, "units"), false);
      assert.equal(await store.getLocation(id), undefined);
      await store.setLocation(id, "Saint-Denis, FR");
      assert.equal(await store.getLocation(id), "Saint-Denis, FR");
    });
  }

  it("refuse a value the dataservice does not take, with its reason in words", async () => {
    const store = records();
    const id = await store.findOrCreate(BERTIE);
    await assert.rejects(store.setSetting(id, "motto", "x".repeat(1001)), (error: unknown) => {
      assert.ok(error instanceof RecordsRejected);
      assert.equal(error.detail, "value must NOT have more than 1000 characters");
      return true;
    });
    await assert.rejects(store.listSettings("01900000-0000-7000-8000-000000000000"), RecordsRejected);
  });

  it("refuse identities that are not Slack ids without calling the dataservice", async () => {
    let calls = 0;
    const store = records(async () => {
      calls += 1;
      throw new Error("not called");
    }, fakeAuth);
    for (const identity of [
      { source: "slack", team: "local", user: "U0BERTIE1" },
      { source: "slack", team: "T0DRONES1", user: "bertie" },
    ]) {
      await assert.rejects(store.findOrCreate(identity), new RecordsRejected(NOT_A_SLACK_USER));
    }
    assert.equal(calls, 0);
  });

  it("keep a local chat user under one stable identity of its own, apart from Slack users", async () => {
    const store = records();
    const bertie = await store.findOrCreate({ source: "local", team: "local", user: "bertie" });
    assert.equal(await store.findOrCreate({ source: "local", team: "local", user: "bertie" }), bertie, "same name");
    assert.notEqual(await store.findOrCreate({ source: "local", team: "local", user: "gussie" }), bertie);
    assert.notEqual(await store.findOrCreate(BERTIE), bertie, "not the Slack user");
    await store.setSetting(bertie, "units", "metric");
    assert.deepEqual(await store.listSettings(bertie), [{ key: "units", value: "metric" }]);
  });

  it("know whether a user exists by id (getUser): a person of the local chat, or one deleted (404)", async () => {
    for (const encoding of ["json", "msgpack", "protobuf"] as const) {
      const store = createDataserviceRecords({
        baseUrl: "http://dataservice.test",
        auth: auth(),
        fetch: fetchFromInject(dataservice.app),
        encoding,
      });
      const id = await store.findOrCreate({ ...BERTIE, user: `U0HAS${encoding.toUpperCase()}` });
      assert.equal(await store.hasUser(id), true, encoding);
      assert.equal(await store.hasUser("01900000-0000-7000-8000-000000000000"), false, encoding);
    }
    await assert.rejects(records(answering(503), fakeAuth).hasUser("x"), RecordsUnavailable);
    await assert.rejects(
      records(answering(404), fakeAuth).hasUser("x"),
      RecordsRejected,
      "a 404 without the user's code is not taken for a missing user",
    );
  });

  it("say a user is gone (UserGone, a refusal) when a call names a user the dataservice no longer has", async () => {
    const store = records();
    const id = await store.findOrCreate({ ...BERTIE, user: "U0GONE1" });
    await store.setSetting(id, "units", "metric");
    const deleted = await dataservice.app.inject({
      method: "DELETE",
      url: `/users/${id}`,
      headers: { authorization: `Bearer ${await auth().token()}` },
    });
    assert.equal(deleted.statusCode, 204, deleted.body);
    for (const call of [() => store.listSettings(id), () => store.setSetting(id, "units", "imperial")]) {
      await assert.rejects(call(), (error: unknown) => error instanceof UserGone && error instanceof RecordsRejected);
    }
    await assert.rejects(records(answering(404), fakeAuth).listSettings(id), (error: unknown) => {
      assert.ok(error instanceof RecordsRejected);
      assert.ok(!(error instanceof UserGone), "a 404 without the user's code is not a user gone");
      return true;
    });
  });

  it("are unavailable (worth a retry) on 5xx, 429, 408, no answer, or no token", async () => {
    for (const status of [500, 502, 503, 429, 408]) {
      await assert.rejects(records(answering(status), fakeAuth).findOrCreate(BERTIE), RecordsUnavailable, `${status}`);
    }
    const unreachable = async () => {
      throw new TypeError("fetch failed");
    };
    await assert.rejects(records(unreachable, fakeAuth).listSettings("x"), /dataservice listSettings: fetch failed/);
    await assert.rejects(records(undefined, auth("wrong-secret")).findOrCreate(BERTIE), (error: unknown) => {
      assert.ok(error instanceof RecordsUnavailable);
      assert.match(error.message, /invalid_client/);
      assert.doesNotMatch(error.message, /wrong-secret/);
      return true;
    });
  });

  it("are refused at once (a 4xx is permanent), not unavailable, when our own token is not good enough (401, 403)", async () => {
    const reader = await dealer.addClient("actions-reader-test", ["users:read"], ["dataservice"]);
    const store = records(undefined, auth(reader.secret, reader.id));
    const notAllowed = (error: unknown) => error instanceof RecordsRejected && error.detail === RECORDS_NOT_ALLOWED;
    await assert.rejects(store.findOrCreate(BERTIE), notAllowed, "403: a scope missing");
    await assert.rejects(records(answering(401), fakeAuth).findOrCreate(BERTIE), notAllowed, "401 after a fresh token");
  });

  it("are refused at once on every other 4xx, with the problem's detail", async () => {
    for (const status of [400, 404, 409, 413, 422, 431]) {
      await assert.rejects(
        records(answering(status), fakeAuth).findOrCreate(BERTIE),
        (error: unknown) => error instanceof RecordsRejected && error.detail === "X",
        `${status}`,
      );
    }
  });
});
