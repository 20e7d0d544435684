import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import { SERVICES } from "../src/layout.ts";
import { startE2e } from "./harness.ts";

type ServedSpec = {
  servers: { url: string }[];
  components?: { securitySchemes?: Record<string, { type: string; flows?: Record<string, { tokenUrl?: string }> }> };
};

test("every docs page, on free ports, serves its spec with the running URLs; Authorize gets a token across origins", async (t) => {
  const e = await startE2e(t, { bus: "memory" });
  const { urls } = e.suite.layout;
  const tokenUrl = `${urls.tokendealer}/oauth/token`;
  for (const name of SERVICES) {
    assert.doesNotMatch(urls[name], /:300\d$/, `${name} runs on a free port`);
    const page = await (await fetch(`${urls[name]}/docs/`)).text();
    assert.match(page, new RegExp(`<title>Jeeves ${name} API</title>`), name);
    const spec = (await (await fetch(`${urls[name]}/docs/json`)).json()) as ServedSpec;
    assert.deepEqual(
      spec.servers.map((s) => s.url),
      [urls[name]],
      name,
    );
    for (const scheme of Object.values(spec.components?.securitySchemes ?? {})) {
      for (const flow of Object.values(scheme.flows ?? {})) assert.equal(flow.tokenUrl, tokenUrl, name);
    }
  }
  const dataserviceSpec = (await (await fetch(`${urls.dataservice}/docs/json`)).json()) as ServedSpec;
  assert.equal(dataserviceSpec.components?.securitySchemes?.oauth2.flows?.clientCredentials.tokenUrl, tokenUrl);

  // What the browser on the dataservice's page does: a preflight, then the token request Swagger UI sends.
  const origin = urls.dataservice;
  const preflight = await fetch(tokenUrl, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization" },
  });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get("access-control-allow-origin"), origin);
  const secret = (await readFile(join(e.dataRoot, "tokendealer", "secrets", "jeeves-admin.secret"), "utf8")).trim();
  const token = await fetch(tokenUrl, {
    method: "POST",
    headers: {
      origin,
      authorization: `Basic ${Buffer.from(`jeeves-admin:${secret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
      "x-requested-with": "XMLHttpRequest",
    },
    body: "grant_type=client_credentials&scope=users%3Aread&audience=dataservice",
  });
  assert.equal(token.status, 200);
  assert.equal(token.headers.get("access-control-allow-origin"), origin);
  const stranger = await fetch(tokenUrl, {
    method: "OPTIONS",
    headers: { origin: "http://evil.example", "access-control-request-method": "POST" },
  });
  assert.equal(stranger.status, 404);
  assert.equal(stranger.headers.get("access-control-allow-origin"), null);
});
