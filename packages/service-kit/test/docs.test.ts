import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { runInNewContext } from "node:vm";
import { parse } from "yaml";
import { createApp } from "../src/index.ts";
import { addDocsAudience } from "../src/docs-audience.ts";
import { requestOrigin, servedSpec } from "../src/served-spec.ts";
import { echoSpec } from "./helper.ts";

/** The kit's fixture with the embedded defaults a real spec has: a server and a TokenDealer on 3000. */
const spec = { ...echoSpec, servers: [{ url: "http://localhost:3009", description: "embedded default" }] };

const tokenUrlOf = (document: Record<string, unknown>) =>
  (document as { components: { securitySchemes: { oauth2: { flows: { clientCredentials: { tokenUrl: string } } } } } })
    .components.securitySchemes.oauth2.flows.clientCredentials.tokenUrl;

async function docsApp(t: { after(fn: () => Promise<void>): void }, tokenDealerUrl?: string) {
  const app = await createApp({ name: "echo", spec, logger: false, tokenDealerUrl });
  t.after(() => app.close());
  return app;
}

describe("the docs", () => {
  test("the spec served on a non-default port names the running service and the running TokenDealer", async (t) => {
    const app = await docsApp(t, "http://127.0.0.1:41234/");
    const address = await app.listen({ port: 0, host: "127.0.0.1" });
    assert.doesNotMatch(address, /:3009$/);
    const json = (await (await fetch(`${address}/docs/json`)).json()) as Record<string, unknown>;
    assert.deepEqual(
      (json.servers as { url: string }[]).map((s) => s.url),
      [address],
    );
    assert.equal(tokenUrlOf(json), "http://127.0.0.1:41234/oauth/token");
    const yaml = parse(await (await fetch(`${address}/docs/yaml`)).text()) as Record<string, unknown>;
    assert.equal((yaml.servers as { url: string }[])[0].url, address);
    assert.equal(tokenUrlOf(yaml), "http://127.0.0.1:41234/oauth/token");
    // The spec the app was built from is left as written.
    assert.equal(spec.servers[0].url, "http://localhost:3009");
    assert.equal(tokenUrlOf(echoSpec), "http://127.0.0.1:3000/oauth/token");
  });

  test("servers follow the Host the page was asked at; a Host that is more than a host keeps the spec's", async (t) => {
    const app = await docsApp(t);
    const served = async (host: string) =>
      (
        (await app.inject({ method: "GET", url: "/docs/json", headers: { host } })).json().servers as { url: string }[]
      )[0].url;
    assert.equal(await served("localhost:4005"), "http://localhost:4005");
    assert.equal(await served("[::1]:4005"), "http://[::1]:4005");
    assert.equal(await served("evil.example/x"), "http://localhost:3009");
    assert.equal(await served("user@evil.example"), "http://localhost:3009");
    const json = (await app.inject({ method: "GET", url: "/docs/json", headers: { host: "x:1" } })).json();
    assert.equal(tokenUrlOf(json), "http://127.0.0.1:3000/oauth/token", "no TokenDealer URL: the spec's");
  });

  test("the page is titled with its service and asks tokens for that audience", async (t) => {
    const app = await docsApp(t);
    const page = await app.inject({ method: "GET", url: "/docs/" });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<title>Jeeves echo API<\/title>/);
    assert.doesNotMatch(page.body, /Swagger UI<\/title>/);
    const audience = await app.inject({ method: "GET", url: "/docs/static/theme/audience.js" });
    assert.equal(audience.body, 'globalThis.jeevesDocsAudience = "echo";\n');
    const initializer = await app.inject({ method: "GET", url: "/docs/static/swagger-initializer.js" });
    assert.match(initializer.body, /"requestInterceptor":function addDocsAudience/);
  });
});

describe("addDocsAudience, as the browser runs it", () => {
  // Compiled from its own source text alone, as Swagger UI gets it: it must need nothing around it.
  const run = (body: unknown, audience?: string) =>
    (
      runInNewContext(`(${addDocsAudience.toString()})(request)`, {
        request: { url: "http://127.0.0.1:3000/oauth/token", body },
        ...(audience ? { jeevesDocsAudience: audience } : {}),
      }) as { body: unknown }
    ).body;

  test("adds the page's audience to a client-credentials token request without one", () => {
    assert.equal(
      run("grant_type=client_credentials&scope=users%3Aread", "dataservice"),
      "grant_type=client_credentials&scope=users%3Aread&audience=dataservice",
    );
  });

  test("leaves an audience given, other requests and pages without an audience alone", () => {
    const given = "grant_type=client_credentials&audience=weather";
    assert.equal(run(given, "dataservice"), given);
    assert.equal(
      run('{"display_name":"grant_type=client_credentials"}', "dataservice"),
      '{"display_name":"grant_type=client_credentials"}',
    );
    assert.equal(run(undefined, "dataservice"), undefined);
    assert.equal(run("grant_type=client_credentials"), "grant_type=client_credentials");
  });
});

describe("servedSpec and requestOrigin", () => {
  test("only OAuth flows' tokenUrls move; other schemes and a spec without components stay", () => {
    const document = {
      openapi: "3.0.3",
      components: {
        securitySchemes: {
          basic: { type: "http", scheme: "basic" },
          oauth2: { type: "oauth2", flows: { clientCredentials: { tokenUrl: "/oauth/token", scopes: {} } } },
        },
      },
    };
    const served = servedSpec(document, { tokenDealerUrl: "https://auth.example/jeeves" });
    assert.equal(tokenUrlOf(served), "https://auth.example/jeeves/oauth/token");
    assert.deepEqual((served.components as typeof document.components).securitySchemes.basic, {
      type: "http",
      scheme: "basic",
    });
    assert.deepEqual(servedSpec({ openapi: "3.0.3" }, { tokenDealerUrl: "http://x" }), { openapi: "3.0.3" });
  });

  test("an origin is a protocol and a plain host[:port]", () => {
    assert.equal(requestOrigin("http", "Example.COM:8080"), "http://example.com:8080");
    assert.equal(requestOrigin("https", "example.com:443"), "https://example.com");
    assert.equal(requestOrigin("http", undefined), undefined);
    assert.equal(requestOrigin("http", ""), undefined);
    assert.equal(requestOrigin("http", "a b"), undefined);
    assert.equal(requestOrigin("http", "example.com?x"), undefined);
  });
});
