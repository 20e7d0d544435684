import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { ConfigError } from "@jeeves/service-kit";
import { DEFAULT_DATA_DIR, loadConfig } from "../src/config.ts";
import { DEFAULT_DOCS_ORIGINS } from "../src/domain/docs-origins.ts";

describe("loadConfig", () => {
  it("has the documented defaults; DATA_DIR is data/tokendealer at the repository root", () => {
    const config = loadConfig({});
    assert.deepEqual(config, {
      PORT: 3000,
      HOST: "127.0.0.1",
      DATA_DIR: DEFAULT_DATA_DIR,
      TOKENDEALER_URL: "http://127.0.0.1:3000",
      TOKENDEALER_ALG: "RS256",
      TOKEN_TTL_SECONDS: 600,
      TOKENDEALER_KEYS_FILE: undefined,
      TOKENDEALER_CLIENTS_FILE: undefined,
      TOKENDEALER_DOCS_ORIGINS: DEFAULT_DOCS_ORIGINS,
      REDIS_URL: undefined,
      RATE_LIMIT_TOKEN_PER_MINUTE: 120,
      RATE_LIMIT_INTROSPECT_PER_MINUTE: 300,
      LOG_LEVEL: "info",
    });
    assert.equal(DEFAULT_DATA_DIR, fileURLToPath(new URL("../../../data/tokendealer/", import.meta.url)));
    assert.match(DEFAULT_DATA_DIR, /\/data\/tokendealer\/$/);
    assert.doesNotMatch(DEFAULT_DATA_DIR, /services/);
  });

  it("reads every variable; the issuer loses a trailing slash", () => {
    const config = loadConfig({
      PORT: "3950",
      HOST: "0.0.0.0",
      DATA_DIR: "/tmp/td",
      TOKENDEALER_URL: "https://auth.example.org/",
      TOKENDEALER_ALG: "ES256",
      TOKEN_TTL_SECONDS: "60",
      TOKENDEALER_KEYS_FILE: "/keys/k.json",
      TOKENDEALER_CLIENTS_FILE: "/keys/c.yaml",
      TOKENDEALER_DOCS_ORIGINS: "https://docs.example.org",
    });
    assert.deepEqual(config.TOKENDEALER_DOCS_ORIGINS, ["https://docs.example.org"]);
    assert.equal(config.TOKENDEALER_URL, "https://auth.example.org");
    assert.equal(config.TOKENDEALER_ALG, "ES256");
    assert.equal(config.TOKEN_TTL_SECONDS, 60);
    assert.equal(config.PORT, 3950);
    assert.equal(loadConfig({ TOKEN_TTL_SECONDS: "86400" }).TOKEN_TTL_SECONDS, 86400);
  });

  it("reads the rate limits and REDIS_URL, and refuses a limit that is not a positive number or another URL", () => {
    const config = loadConfig({
      REDIS_URL: "redis://:pw@cache:6379/2",
      RATE_LIMIT_TOKEN_PER_MINUTE: "5",
      RATE_LIMIT_INTROSPECT_PER_MINUTE: "7",
    });
    assert.equal(config.REDIS_URL, "redis://:pw@cache:6379/2");
    assert.equal(config.RATE_LIMIT_TOKEN_PER_MINUTE, 5);
    assert.equal(config.RATE_LIMIT_INTROSPECT_PER_MINUTE, 7);
    assert.throws(
      () => loadConfig({ REDIS_URL: "http://cache:6379", RATE_LIMIT_TOKEN_PER_MINUTE: "0" }),
      (error: ConfigError) => {
        assert.equal(error.problems.length, 2);
        assert.match(error.problems[0], /^REDIS_URL=\(secret\): must be a redis or rediss URL$/);
        assert.match(error.problems[1], /^RATE_LIMIT_TOKEN_PER_MINUTE="0": must be a positive whole number$/);
        return true;
      },
    );
  });

  it("reports every problem together", () => {
    assert.throws(
      () =>
        loadConfig({
          PORT: "99999",
          TOKENDEALER_URL: "ftp://x",
          TOKENDEALER_ALG: "HS256",
          TOKEN_TTL_SECONDS: "59",
        }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.problems.length, 4);
        assert.match(error.message, /PORT="99999"/);
        assert.match(error.message, /TOKENDEALER_URL="ftp:\/\/x": must be a http or https URL/);
        assert.match(error.message, /TOKENDEALER_ALG="HS256": must be one of RS256, ES256, RS512/);
        assert.match(error.message, /TOKEN_TTL_SECONDS="59": must be whole seconds, 60-86400/);
        return true;
      },
    );
    for (const bad of ["86401", "1.5", "abc", "-60"]) {
      assert.throws(() => loadConfig({ TOKEN_TTL_SECONDS: bad }), ConfigError, bad);
    }
    assert.throws(() => loadConfig({ TOKENDEALER_URL: "http://x/?a=1" }), /no query or fragment/);
  });
});
