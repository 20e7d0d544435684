import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SERVICE_MANIFESTS } from "@jeeves/manifest";
import { DEFAULT_CLIENTS, RETIRED_DEFAULT_CLIENTS, reconcileDefaultClients } from "../../src/domain/default-clients.ts";
import { ADMIN_SCOPE, AUDIENCES, SCOPES, sortScopes } from "../../src/domain/suite-names.ts";

describe("the suite's names and default clients, from the service manifests", () => {
  it("knows each service's audience and scopes, in the documented order", () => {
    assert.deepEqual(
      AUDIENCES,
      SERVICE_MANIFESTS.map((service) => service.name),
    );
    assert.deepEqual(SCOPES.slice(0, 3), ["users:read", "users:write", ADMIN_SCOPE]);
    assert.deepEqual(sortScopes(["chat:write", "reports:read", "weather:read", "users:read"]), [
      "users:read",
      "weather:read",
      "chat:write",
      "reports:read",
    ]);
  });

  it("gives each service with a client exactly its manifest's scopes and audiences, and the administrator all", () => {
    const callers = SERVICE_MANIFESTS.filter((service) => service.client);
    assert.deepEqual(
      DEFAULT_CLIENTS.map((client) => client.id),
      [...callers.map((service) => service.client?.id), "jeeves-admin"],
    );
    for (const service of callers) {
      const client = DEFAULT_CLIENTS.find((candidate) => candidate.id === service.client?.id);
      const asked = Object.entries(service.client?.scopes ?? {});
      assert.deepEqual(
        client?.audiences,
        asked.map(([audience]) => audience),
      );
      assert.deepEqual(client?.scopes.toSorted(), [...new Set(asked.flatMap(([, scopes]) => scopes))].sort());
      assert.deepEqual(client?.personScopes, service.client?.personScopes, `${service.name}'s person scopes`);
    }
    assert.deepEqual(
      DEFAULT_CLIENTS.filter((client) => client.personScopes).map((client) => client.id),
      ["dashboard"],
      "only the dashboard may ask for people's tokens",
    );
    assert.deepEqual(DEFAULT_CLIENTS.at(-1), { id: "jeeves-admin", scopes: [...SCOPES], audiences: [...AUDIENCES] });
  });
});

describe("reconcileDefaultClients", () => {
  const defaults = [
    { id: "svc", scopes: ["users:read"], audiences: ["dataservice"] },
    { id: "portal", scopes: ["users:read"], audiences: ["dataservice"], personScopes: { dataservice: ["users:read"] } },
  ];
  const retired = [{ id: "old", scopes: ["chat:write"], audiences: ["slackbot"] }];
  const lists = { defaults, retired };

  it("redefines a default present, removes a retired default left as created, keeps every other client", () => {
    const result = reconcileDefaultClients(
      [
        { id: "svc", scopes: ["users:read", "users:write"], audiences: ["dataservice"], secret_hash: "h1" },
        { id: "portal", scopes: ["users:read"], audiences: ["dataservice"], secret_hash: "h2" },
        { id: "old", scopes: ["chat:write"], audiences: ["slackbot"], secret_hash: "h3" },
        { id: "mine", scopes: ["chat:write"], audiences: ["slackbot"], secret_hash: "h4" },
      ],
      ["svc", "portal"],
      lists,
    );
    assert.deepEqual(result.clients, [
      { id: "svc", scopes: ["users:read"], audiences: ["dataservice"], secret_hash: "h1" },
      { ...defaults[1], secret_hash: "h2" },
      { id: "mine", scopes: ["chat:write"], audiences: ["slackbot"], secret_hash: "h4" },
    ]);
    assert.deepEqual(result.changed, ["svc", "portal"]);
    assert.deepEqual(result.removed, ["old"]);
    assert.deepEqual(result.added, []);
  });

  it("takes person scopes off a default that has none, and keeps a retired id whose definition was changed", () => {
    const result = reconcileDefaultClients(
      [
        {
          id: "svc",
          scopes: ["users:read"],
          audiences: ["dataservice"],
          personScopes: { dataservice: ["users:read"] },
        },
        { id: "old", scopes: ["chat:write", "users:read"], audiences: ["slackbot"] },
      ],
      ["svc", "portal"],
      lists,
    );
    assert.deepEqual(result.clients, [
      defaults[0],
      { id: "old", scopes: ["chat:write", "users:read"], audiences: ["slackbot"] },
    ]);
    assert.deepEqual(result.removed, []);
  });

  it("adds a default the registry was never given, never one it was given and lost; records them all", () => {
    const fresh = reconcileDefaultClients([{ ...defaults[0] }], ["svc"], lists);
    assert.deepEqual(fresh.added, [defaults[1]]);
    assert.deepEqual(fresh.given, ["svc", "portal"]);
    const lost = reconcileDefaultClients([{ ...defaults[0] }], ["svc", "portal"], lists);
    assert.deepEqual(lost.added, []);
    assert.deepEqual(lost.changed, []);
  });

  it("with today's lists, redefines the dashboard of the versions before any dashboard existed", () => {
    const [old] = RETIRED_DEFAULT_CLIENTS;
    const result = reconcileDefaultClients([{ ...old }]);
    assert.deepEqual(result.removed, []);
    assert.deepEqual(result.changed, ["dashboard"]);
    assert.deepEqual(
      result.clients,
      DEFAULT_CLIENTS.filter((client) => client.id === "dashboard"),
    );
    assert.deepEqual(
      result.added.map((client) => client.id),
      [],
      "the earlier versions' defaults are taken as given, the dashboard is present",
    );
  });
});
