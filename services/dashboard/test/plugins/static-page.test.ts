import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { CONTENT_SECURITY_POLICY } from "../../src/plugins/security-headers.ts";
import { HASHED_ASSETS, NOT_CACHED } from "../../src/plugins/static-page.ts";
import { build } from "../helper.ts";

const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/index-3f2a.js"></script></head><body><div id="root"></div></body></html>';

async function page(t: { after(fn: () => Promise<void>): void }) {
  const dir = await mkdtemp(join(tmpdir(), "dashboard-page-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, "assets"));
  await writeFile(join(dir, "index.html"), INDEX);
  await writeFile(join(dir, "assets", "index-3f2a.js"), "console.log('page')");
  await writeFile(join(dir, "favicon.svg"), "<svg/>");
  return dir;
}

test("/ and the page's own routes answer index.html (no-cache); hashed assets are cached for a year", async (t) => {
  const dir = await page(t);
  const { app } = await build(t, { staticDir: dir });
  for (const url of [
    "/",
    "/users",
    "/users/0190b8a2-7c1e-7d4a-9f3e-5b2a1c0d9e8f",
    "/me/settings?tab=alerts",
    "/apis",
    "/healthy",
  ]) {
    const res = await app.inject({ method: "GET", url, headers: { accept: "text/html" } });
    assert.equal(res.statusCode, 200, url);
    assert.match(String(res.headers["content-type"]), /^text\/html/, url);
    assert.equal(res.body, INDEX, url);
    assert.equal(res.headers["cache-control"], NOT_CACHED, url);
  }
  const asset = await app.inject({ method: "GET", url: "/assets/index-3f2a.js" });
  assert.equal(asset.statusCode, 200);
  assert.match(String(asset.headers["content-type"]), /javascript/);
  assert.equal(asset.headers["cache-control"], HASHED_ASSETS);
  const icon = await app.inject({ method: "GET", url: "/favicon.svg" });
  assert.equal(icon.statusCode, 200);
  assert.equal(icon.headers["cache-control"], NOT_CACHED);
  const head = await app.inject({ method: "HEAD", url: "/" });
  assert.equal(head.statusCode, 200);
});

test("the page's security headers: CSP (default-src 'self', frame-ancestors 'none'), nosniff, Referrer-Policy", async (t) => {
  const dir = await page(t);
  const { app, logIn } = await build(t, { staticDir: dir });
  const { cookie } = await logIn();
  for (const [url, headers] of [
    ["/", {}],
    ["/assets/index-3f2a.js", {}],
    ["/api/services", { cookie }],
    ["/api/services", {}],
    ["/health", {}],
  ] as const) {
    const res = await app.inject({ method: "GET", url, headers });
    assert.equal(res.headers["content-security-policy"], CONTENT_SECURITY_POLICY, url);
    assert.equal(res.headers["x-content-type-options"], "nosniff", url);
    assert.equal(res.headers["referrer-policy"], "same-origin", url);
    assert.equal(res.headers["x-frame-options"], "DENY", url);
  }
  assert.match(CONTENT_SECURITY_POLICY, /default-src 'self'/);
  assert.match(CONTENT_SECURITY_POLICY, /frame-ancestors 'none'/);
  const docs = await app.inject({ method: "GET", url: "/docs/json" });
  assert.equal(docs.statusCode, 200);
  assert.equal(docs.headers["content-security-policy"], undefined, "Swagger UI runs scripts of its own");
  assert.equal(docs.headers["x-content-type-options"], "nosniff");
});

test("/api, /health, /ready and /docs are never the page: unknown paths there are 404 problems", async (t) => {
  const dir = await page(t);
  const { app } = await build(t, { staticDir: dir });
  for (const url of [
    "/api",
    "/api/",
    "/api/nothing",
    "//api/users/x",
    "/health/x",
    "/ready/",
    "/docs/nothing.html",
    "/assets/missing-1234.js",
    "/missing.png",
  ]) {
    const res = await app.inject({ method: "GET", url });
    assert.equal(res.statusCode, 404, url);
    assert.equal(res.headers["content-type"], "application/problem+json", url);
  }
  const other = await app.inject({ method: "POST", url: "/users" });
  assert.equal(other.statusCode, 404);
  for (const url of [
    "/assets/../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/assets/%2e%2e%2f%2e%2e%2fpackage.json",
  ]) {
    const res = await app.inject({ method: "GET", url });
    assert.ok([403, 404].includes(res.statusCode) || res.body === INDEX, `${url}: ${res.statusCode}`);
    assert.ok(!res.body.includes("root:"), url);
  }
});

test("without a built page, / says to run npm run build (503: HTML for a browser, a problem otherwise); the API still answers", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "dashboard-no-page-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const { app } = await build(t, { staticDir: join(dir, "dist") });
  const html = await app.inject({
    method: "GET",
    url: "/",
    headers: { accept: "text/html,application/xhtml+xml,*/*;q=0.8" },
  });
  assert.equal(html.statusCode, 503);
  assert.match(String(html.headers["content-type"]), /^text\/html/);
  assert.match(html.body, /npm run build/);
  assert.equal(html.headers["content-security-policy"], CONTENT_SECURITY_POLICY);
  const problem = await app.inject({ method: "GET", url: "/users", headers: { accept: "application/json" } });
  assert.equal(problem.statusCode, 503);
  assert.equal(problem.headers["content-type"], "application/problem+json");
  assert.equal(JSON.parse(problem.body).code, "DASHBOARD_ERR_PAGE_NOT_BUILT");
  assert.equal((await app.inject({ method: "GET", url: "/health" })).statusCode, 200);
  // Built after the start: served at once.
  await mkdir(join(dir, "dist"));
  await writeFile(join(dir, "dist", "index.html"), INDEX);
  assert.equal((await app.inject({ method: "GET", url: "/" })).statusCode, 200);
});
