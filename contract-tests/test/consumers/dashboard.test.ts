import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createTokenExchange, TOKEN_EXCHANGE_GRANT, USER_ID_TOKEN_TYPE } from "@jeeves/client-kit";
import { createChat, createDataservice } from "@jeeves/dashboard";
import { type RunningMock, startMock } from "../../src/mock/start-mock.ts";

/** A token the mocks accept: Prism checks that the credentials the spec requires are there, not what they say. */
const DUMMY = { token: async () => "dummy-token-for-the-mock", invalidate() {} };
const PERSON = { token: async () => "dummy-person-token", invalidate() {} };

/** The user id of the specs' examples. */
const USER_ID = "0190b8a2-7c1e-7d4a-9f3e-5b2a1c0d9e8f";

/** One request the dashboard sent, and how the mock took it. */
interface Exchange {
  route: string;
  status: number;
  /** The messages of Prism's `sl-violations` header: why it refused the request. */
  violations: string[];
}

/** A fetch that records each exchange with a mock. */
function recording() {
  const exchanges: Exchange[] = [];
  const fetcher = async (request: Request) => {
    const response = await fetch(request);
    const url = new URL(request.url);
    exchanges.push({
      route: `${request.method} ${url.pathname}`,
      status: response.status,
      violations: (JSON.parse(response.headers.get("sl-violations") ?? "[]") as Array<{ message: string }>).map(
        (v) => v.message,
      ),
    });
    return response;
  };
  return { exchanges, fetch: fetcher };
}

const log = { warn() {}, error() {} };
const caller = { userId: USER_ID, log };

describe("the dashboard's dataservice adapter (createDataservice), against the dataservice mock", () => {
  let mock: RunningMock;
  before(async () => {
    mock = await startMock({ spec: "specs/openapi/dataservice.yaml", validateRequests: true });
  });
  after(() => mock?.close());

  test("every call it makes for a person, and the password check, is a request the spec takes", async () => {
    const { exchanges, fetch } = recording();
    const dataservice = createDataservice({
      baseUrl: mock.url,
      serviceToken: DUMMY,
      personTokens: PERSON,
      timeoutMs: 10_000,
      fetch,
    });
    assert.equal((await dataservice.verifyPassword(log, "bertie@example.com", "what-ho-jeeves"))?.id, USER_ID);
    // TODO(issue 15): `q` is the dataservice's from 2.2.0 on; the mock of 2.1.0 lets an unknown query parameter through.
    assert.ok((await dataservice.listUsers(caller, { q: "wooster", limit: 20 })).items.length > 0);
    await dataservice.getUser(caller, USER_ID);
    await dataservice.createUser(caller, {
      email: "gussie@example.com",
      display_name: "Gussie",
      password: "newts-newts",
    });
    await dataservice.updateUser(caller, USER_ID, { display_name: "Bertram Wooster" });
    await dataservice.deleteUser(caller, USER_ID);
    assert.equal((await dataservice.getLocation(caller))?.place, "Paris");
    await dataservice.setLocation(caller, { place: "Paris" });
    await dataservice.deleteLocation(caller);
    assert.ok((await dataservice.listSettings(caller)).length > 0);
    await dataservice.setSetting(caller, "units", "metric");
    await dataservice.deleteSetting(caller, "units");
    assert.ok((await dataservice.listWorkspaces(caller)).length > 0);
    assert.deepEqual(
      exchanges.map((exchange) => exchange.route),
      [
        "POST /users/verify-password",
        "GET /users",
        `GET /users/${USER_ID}`,
        "POST /users",
        `PATCH /users/${USER_ID}`,
        `DELETE /users/${USER_ID}`,
        `GET /users/${USER_ID}/location`,
        `PUT /users/${USER_ID}/location`,
        `DELETE /users/${USER_ID}/location`,
        `GET /users/${USER_ID}/settings`,
        `PUT /users/${USER_ID}/settings/units`,
        `DELETE /users/${USER_ID}/settings/units`,
        "GET /workspaces",
      ],
    );
    for (const exchange of exchanges) {
      assert.ok(exchange.status < 400, `${exchange.route}: ${exchange.status} ${exchange.violations.join("; ")}`);
      assert.deepEqual(exchange.violations, [], exchange.route);
    }
  });

  test("negative control: a body the spec refuses is refused by the mock, and its 400 reaches the caller", async () => {
    const { exchanges, fetch } = recording();
    const dataservice = createDataservice({
      baseUrl: mock.url,
      serviceToken: DUMMY,
      personTokens: PERSON,
      timeoutMs: 10_000,
      fetch,
    });
    await assert.rejects(
      dataservice.setLocation(caller, { place: "" }),
      (error: { statusCode?: number }) => error.statusCode === 400,
    );
    assert.equal(exchanges[0].status, 400);
    assert.ok(exchanges[0].violations.length > 0);
  });
});

describe("the dashboard's chat (createChat), against the slackbot mock", () => {
  let mock: RunningMock;
  before(async () => {
    mock = await startMock({ spec: "specs/openapi/slackbot.yaml", validateRequests: true });
  });
  after(() => mock?.close());

  test("a message is a POST /chat the spec takes, with the person's token, in their conversation; the reply is the example's", async () => {
    const { exchanges, fetch } = recording();
    const chat = createChat({ baseUrl: mock.url, personTokens: PERSON, timeoutMs: 10_000, fetch });
    const reply = await chat.send(log, USER_ID, "weather in Paris");
    assert.equal(reply.text, "Paris: 18 °C, light rain.");
    assert.deepEqual(exchanges, [{ route: "POST /chat", status: 200, violations: [] }]);
  });
});

describe("the person tokens (createTokenExchange), against the TokenDealer mock", () => {
  let mock: RunningMock;
  before(async () => {
    mock = await startMock({ spec: "specs/openapi/tokendealer.yaml", validateRequests: true });
  });
  after(() => mock?.close());

  test("the token exchange is a POST /oauth/token form the spec takes (Basic credentials), answered with a token", async () => {
    const forms: Record<string, string>[] = [];
    const { exchanges, fetch } = recording();
    const exchange = createTokenExchange({
      tokendealerUrl: mock.url,
      clientId: "dashboard",
      clientSecret: "dashboard-secret",
      audience: "dataservice",
      fetch: async (request) => {
        forms.push(Object.fromEntries(new URLSearchParams(await request.clone().text())));
        return fetch(request);
      },
    });
    assert.ok(await exchange.token(USER_ID));
    assert.deepEqual(forms, [
      {
        grant_type: TOKEN_EXCHANGE_GRANT,
        subject_token: USER_ID,
        subject_token_type: USER_ID_TOKEN_TYPE,
        audience: "dataservice",
      },
    ]);
    assert.deepEqual(exchanges, [{ route: "POST /oauth/token", status: 200, violations: [] }]);
  });
});
