import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SERVICE_MANIFESTS } from "@jeeves/manifest";
import { DEFAULT_CLIENTS } from "../../src/domain/default-clients.ts";
import { ADMIN_SCOPE, AUDIENCES, SCOPES, sortScopes } from "../../src/domain/suite-names.ts";

describe("the suite's names and default clients, from the service manifests", () => {
  it("knows each service's audience and scopes, in the documented order", () => {
    assert.deepEqual(AUDIENCES, SERVICE_MANIFESTS.map((service) => service.name));
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
    }
    assert.deepEqual(DEFAULT_CLIENTS.at(-1), { id: "jeeves-admin", scopes: [...SCOPES], audiences: [...AUDIENCES] });
  });
});
