import assert from "node:assert/strict";
import { test } from "node:test";
import { build } from "../helper.ts";
import { get } from "../wire.ts";

async function scrape(app: Parameters<typeof get>[0]): Promise<string> {
  const res = await app.inject({ method: "GET", url: "/metrics", headers: { accept: "text/plain" } });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers["content-type"]), /^text\/plain; version=0\.0\.4/);
  return res.body;
}

/** The value of one sample line (`name{labels} value`), 0 when absent. */
function sample(text: string, line: string): number {
  const found = text.split("\n").find((l) => l.startsWith(`${line} `));
  return found === undefined ? 0 : Number(found.slice(line.length + 1));
}

test("GET /metrics changes after traffic: requests by route pattern, OpenWeatherMap calls, cache hits, token verifications", async (t) => {
  const { app, token } = await build(t);
  const before = await scrape(app);
  assert.match(before, /# TYPE http_request_duration_seconds histogram/);
  assert.match(before, /process_cpu_user_seconds_total/);
  for (let i = 0; i < 2; i++)
    assert.equal((await get(app, "/weather?location=Berlin&units=metric", { token })).status, 200);
  const after = await scrape(app);
  const route = 'route="/weather",method="GET",status_code="200"';
  assert.equal(sample(after, `http_request_duration_seconds_count{${route}}`), 2);
  assert.equal(sample(after, 'jeeves_outbound_requests_total{target="openweathermap",outcome="ok"}'), 1);
  assert.equal(sample(after, 'jeeves_cache_requests_total{cache="weather",result="miss"}'), 1);
  assert.equal(sample(after, 'jeeves_cache_requests_total{cache="weather",result="hit"}'), 1);
  assert.ok(sample(after, 'jeeves_token_verifications_total{result="ok"}') >= 2);
  // Labels carry the route's pattern: no raw query string, no token.
  assert.doesNotMatch(after, /location=Berlin/);
  assert.ok(!after.includes(token));
});

test("a refused token is counted as invalid, and a request no route takes as `unmatched`", async (t) => {
  const { app } = await build(t);
  assert.equal((await get(app, "/weather?location=Berlin", { token: "not-a-jwt" })).status, 401);
  await app.inject({ method: "GET", url: "/no/such/path?secret=x" });
  const text = await scrape(app);
  assert.equal(sample(text, 'jeeves_token_verifications_total{result="invalid"}'), 1);
  assert.equal(
    sample(text, 'http_request_duration_seconds_count{route="unmatched",method="GET",status_code="404"}'),
    1,
  );
  assert.doesNotMatch(text, /secret=x|no\/such/);
});
