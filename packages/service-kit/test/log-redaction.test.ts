import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { describe, test } from "node:test";
import fc from "fast-check";
import pino, { type LoggerOptions } from "pino";
import {
  createApp,
  createLogger,
  LOGGED_QUERY_PARAMETERS,
  redactSecretFields,
  redactText,
  redactUrl,
  withLogRedaction,
} from "../src/index.ts";
import { build, echoSpec } from "./helper.ts";

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, stream };
}

describe("redactUrl", () => {
  test("replaces the values of secret-carrying query parameters, keeps the allowed ones and the path", () => {
    assert.equal(
      redactUrl("/oauth/token?grant_type=client_credentials&client_id=actions&client_secret=s3cret"),
      "/oauth/token?grant_type=client_credentials&client_id=actions&client_secret=[redacted]",
    );
    assert.equal(redactUrl("/x?access_token=eyJ.a.b&units=metric"), "/x?access_token=[redacted]&units=metric");
    assert.equal(
      redactUrl("/slack/oauth/callback?code=123.456&state=abc.def"),
      "/slack/oauth/callback?code=[redacted]&state=[redacted]",
    );
    assert.equal(
      redactUrl("https://api.openweathermap.org/data/2.5/weather?q=Berlin&APPID=k3y&units=metric"),
      "https://api.openweathermap.org/data/2.5/weather?q=Berlin&APPID=[redacted]&units=metric",
    );
    assert.equal(redactUrl("/health"), "/health");
    assert.equal(redactUrl("/a?"), "/a?");
  });

  test("an unknown name is redacted (deny by default), a bare value and an odd name with their pair", () => {
    assert.equal(redactUrl("/x?sig=abc&foo=bar"), "/x?sig=[redacted]&foo=[redacted]");
    assert.equal(redactUrl("/x?s3cretvalue&units=si"), "/x?[redacted]&units=si");
    assert.equal(redactUrl("/x?a%20b=c"), "/x?[redacted]");
    assert.equal(
      redactUrl("/cb#access_token=t0k&token_type=bearer"),
      "/cb#access_token=[redacted]&token_type=[redacted]",
    );
    assert.equal(redactUrl("/docs#section"), "/docs#section");
  });

  test("redacts the password of user:password@ and keeps the user", () => {
    assert.equal(redactUrl("amqp://guest:hunter2@127.0.0.1:5672"), "amqp://guest:[redacted]@127.0.0.1:5672");
    assert.equal(
      redactUrl("postgres://app:pw@db/test?sslmode=require"),
      "postgres://app:[redacted]@db/test?sslmode=[redacted]",
    );
    assert.equal(redactUrl("http://127.0.0.1:3000/a@b"), "http://127.0.0.1:3000/a@b");
  });

  test("never lets the value of a parameter outside the allow-list through", () => {
    const name = fc.oneof(
      fc.constantFrom("client_secret", "access_token", "code", "state", "appid", "token", "key", "Password"),
      fc.stringMatching(/^[a-z_]{1,12}$/),
    );
    const value = fc.stringMatching(/^[A-Za-z0-9._~-]{1,30}$/).map((v) => `V${v}Z`);
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value), { minLength: 1, maxLength: 6 }), (pairs) => {
        const out = redactUrl(`/p?${pairs.map(([n, v]) => `${n}=${v}`).join("&")}`);
        for (const [n, v] of pairs) {
          if (!LOGGED_QUERY_PARAMETERS.has(n.toLowerCase())) assert.ok(!out.includes(v), `${n}=${v} in ${out}`);
        }
      }),
    );
  });
});

test("redactText redacts URLs quoted in free text, and leaves other text alone", () => {
  assert.equal(
    redactText("request to http://x/oauth/token?client_secret=abc failed"),
    "request to http://x/oauth/token?client_secret=[redacted] failed",
  );
  assert.equal(
    redactText('GET "/a?token=t" then amqp://u:p@h'),
    'GET "/a?token=[redacted]" then amqp://u:[redacted]@h',
  );
  assert.equal(redactText("Where? Write admin@jeeves.local #1"), "Where? Write admin@jeeves.local #1");
  assert.equal(
    redactText("posting with xoxb-123-456-abc: invalid_auth; bearer=eyJhbGciOi.eyJzdWIi.c2ln ok"),
    "posting with [redacted] invalid_auth; bearer=[redacted] ok",
  );
  assert.equal(redactText("eyJ only, xox-no, xoxo"), "eyJ only, xox-no, xoxo");
});

describe("the app's logs", () => {
  test("hide query secrets, credential headers and secret fields, and keep the request id", async (t) => {
    const { lines, stream } = capture();
    const app = await createApp({ name: "echo", spec: echoSpec, logger: { level: "trace", stream } });
    t.after(() => app.close());
    // A route that logs the headers (as one might, debugging): the credentials are still hidden.
    app.get("/ok", async (request) => {
      request.log.debug({ headers: request.headers }, "headers");
      return { status: "ok" };
    });
    const basic = `Basic ${Buffer.from("actions:b4sic-secret").toString("base64")}`;
    const res = await app.inject({
      method: "GET",
      url: "/ok?size=3&client_secret=q-secret&access_token=q-token",
      headers: { authorization: basic, cookie: "jeeves=c00kie", "x-slack-signature": "v0=sig-secret" },
    });
    assert.equal(res.statusCode, 200);
    const missing = await app.inject({ method: "GET", url: "/oauth/token?client_secret=404-secret" });
    assert.equal(missing.statusCode, 404);
    app.log.info({ password: "pw-secret", user: { token: "nested-token" } }, "fields");

    const all = lines.join("");
    for (const secret of ["q-secret", "q-token", "b4sic-secret", basic, "c00kie", "sig-secret", "404-secret"]) {
      assert.ok(!all.includes(secret), `${secret} logged`);
    }
    assert.ok(!all.includes("pw-secret") && !all.includes("nested-token"));
    assert.ok(all.includes("/ok?size=3&client_secret=[redacted]&access_token=[redacted]"));
    const requestId = String(res.headers["x-request-id"]);
    assert.ok(lines.filter((line) => line.includes(`"request_id":"${requestId}"`)).length >= 2, "logged with its id");
    assert.ok(lines.some((line) => line.includes('"authorization":"[redacted]"')));
  });

  test("a logged error's message and stack hide the URL's secrets", async (t) => {
    const { lines, stream } = capture();
    const app = await build(t, { logger: { level: "info", stream } });
    assert.equal((await app.inject({ method: "GET", url: "/boom" })).statusCode, 500);
    const failed = lines.find((line) => line.includes("request failed")) ?? "";
    assert.ok(failed.includes("db://admin:[redacted]@db"), failed);
    assert.ok(!failed.includes("hunter2"));
  });
});

test("withLogRedaction keeps false, and the caller's own serializers and redact paths", () => {
  assert.equal(withLogRedaction(false), false);
  const custom = () => ({ statusCode: 200 });
  const merged = withLogRedaction({ serializers: { res: custom }, redact: ["extra"] }) as {
    serializers: Record<string, unknown>;
    redact: { paths: string[] };
  };
  assert.equal(merged.serializers.res, custom);
  assert.ok(merged.serializers.req);
  assert.deepEqual(merged.redact.paths, ["extra"]);
  const { lines, stream } = capture();
  const log = pino(withLogRedaction({ redact: ["extra"] }) as LoggerOptions, stream);
  log.info({ extra: "caller-secret", headers: { Authorization: "Bearer h-secret" } }, "both");
  assert.ok(!lines[0].includes("caller-secret") && !lines[0].includes("h-secret"), lines[0]);
});

describe("redactSecretFields", () => {
  test("redacts secret-named fields at any depth and in arrays, whatever their case", () => {
    const value = {
      user: { name: "ann", Password: "p1", nested: [{ token: "t1" }, { ok: 1 }] },
      headers: { "X-Slack-Signature": "v0=s", accept: "*/*" },
      deep: { a: { b: { c: { d: { client_secret: "cs" } } } } },
    };
    assert.deepEqual(redactSecretFields(value), {
      user: { name: "ann", Password: "[redacted]", nested: [{ token: "[redacted]" }, { ok: 1 }] },
      headers: { "X-Slack-Signature": "[redacted]", accept: "*/*" },
      deep: { a: { b: { c: { d: { client_secret: "[redacted]" } } } } },
    });
    assert.equal(value.user.Password, "p1", "the caller's object is not changed");
  });

  test("returns a value without secrets as it is, and leaves class instances alone", () => {
    const plain = { a: [1, { b: "x" }], when: new Date(0) };
    assert.equal(redactSecretFields(plain), plain);
    const buffer = Buffer.from("token");
    assert.equal(redactSecretFields(buffer), buffer);
  });

  test("a null-prototype object (node's headers) is redacted too", () => {
    const headers = Object.assign(Object.create(null) as Record<string, string>, { cookie: "c", host: "h" });
    assert.deepEqual({ ...(redactSecretFields(headers) as object) }, { cookie: "[redacted]", host: "h" });
  });
});

test("createLogger makes a logger with the same redaction", () => {
  const { lines, stream } = capture();
  const log = createLogger("bus", { stream });
  log.warn({ client_secret: "cs", error: "GET /x?access_token=tok failed" }, "connect amqp://u:pw@h failed");
  const [line] = lines;
  assert.ok(line.includes('"service":"bus"'));
  assert.ok(!line.includes('"cs"') && !line.includes(":pw@") && !line.includes("tok "), line);
  assert.ok(line.includes("amqp://u:[redacted]@h"));
});
