import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import YAML from "yaml";
import { defaultRequest } from "../../src/dredd/hooks/default-request.ts";
import type { ProviderSession, RequestSpec } from "../../src/dredd/providers/types.ts";
import { planOf } from "./helpers.ts";

const cases = YAML.parse(readFileSync(new URL("./fixtures/default-requests.yaml", import.meta.url), "utf8")) as Array<{
  spec: string;
  transaction: string;
  request: Record<string, unknown>;
}>;

const session: ProviderSession = {
  url: "http://127.0.0.1:1",
  credentials: {},
  params: {
    existing: { userId: "seeded-user", key: "units", teamId: "T0SEEDED" },
    missing: { userId: "missing-user", key: "no-key", teamId: "T0MISSING" },
  },
  seed: async () => {},
  close: async () => {},
};

for (const c of cases) {
  test(`default request of ${c.transaction}`, () => {
    const plan = planOf(c.spec);
    const planned = plan.byName.get(c.transaction);
    assert.ok(planned, `${c.transaction} is not planned`);
    const request = defaultRequest(plan.index, session, planned) as RequestSpec & Record<string, unknown>;
    for (const [key, expected] of Object.entries(c.request)) {
      if (key === "rawBody") assert.equal(Buffer.isBuffer(request.rawBody), expected, "rawBody");
      else assert.deepEqual(request[key], expected, key);
    }
  });
}

test("a transaction needing a path parameter the provider does not seed is refused", () => {
  const plan = planOf("dataservice");
  const planned = plan.byName.get("/workspaces/{teamId} > getWorkspace > 200 > application/json");
  assert.ok(planned);
  assert.throws(
    () => defaultRequest(plan.index, { ...session, params: { existing: {}, missing: {} } }, planned),
    /no seeded teamId/,
  );
});
