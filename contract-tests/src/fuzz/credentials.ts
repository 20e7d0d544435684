import fc from "fast-check";
import type { ProviderSession } from "../dredd/providers/types.ts";
import type { FuzzTarget } from "./targets.ts";

/** Tokens and secrets minted once before fuzzing, from the provider's real TokenDealer. */
export interface FuzzCredentials {
  /** A token for the service's audience holding every scope. */
  valid?: string;
  /** Per operationId: a token holding every scope but the operation's (absent when there is no other scope). */
  insufficient: Map<string, string>;
  /** A token for another audience, every scope. */
  foreign?: string;
  /** HTTP Basic client credentials. */
  basic?: { id: string; secret: string };
  /** Signs a raw body (Slack's signature), right or wrong. */
  sign?(rawBody: Buffer, valid: boolean): Record<string, string>;
}

/** One way of presenting credentials: the headers to send and a name for the report. */
export interface CredentialVariant {
  /** `valid`, or what is wrong with it (`token:none`, `token:wrong-audience`…). */
  category: string;
  headers: Record<string, string>;
}

/** Mints what the fuzzer needs from the provider: a full token, a foreign one, one short of each operation's scopes. */
export async function mintCredentials(session: ProviderSession, targets: FuzzTarget[]): Promise<FuzzCredentials> {
  const { bearer, scopes = [], foreignBearer, basic, sign } = session.credentials;
  const minted: FuzzCredentials = { insufficient: new Map(), basic, sign };
  if (!bearer) return minted;
  minted.valid = await bearer(scopes);
  if (foreignBearer) minted.foreign = await foreignBearer();
  const bySet = new Map<string, string>();
  for (const target of targets) {
    if (target.guard.kind !== "bearer" || target.guard.scopes.length === 0) continue;
    const needed = new Set(target.guard.scopes);
    const others = scopes.filter((scope) => !needed.has(scope));
    if (others.length === 0) continue;
    const key = others.join(" ");
    const token = bySet.get(key) ?? (await bearer(others));
    bySet.set(key, token);
    minted.insufficient.set(target.operationId, token);
  }
  return minted;
}

const base64url = (value: string) => Buffer.from(value).toString("base64url");

/** The same claims with a forged scope, the signature kept (must fail verification). */
function tampered(token: string): string {
  const [header, payload, signature] = token.split(".");
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
    claims.scope = "users:read users:write workspaces:read workspaces:write workspaces:secrets chat:write weather:read";
    claims.exp = 9_999_999_999;
    return `${header}.${base64url(JSON.stringify(claims))}.${signature}`;
  } catch {
    return `${header}.${payload}x.${signature}`;
  }
}

/** The same claims under `alg: none` with no signature (must be refused). */
function unsigned(token: string): string {
  const payload = token.split(".")[1] ?? "";
  return `${base64url(JSON.stringify({ alg: "none", typ: "JWT" }))}.${payload}.`;
}

/** Authorization headers that carry no valid bearer token. */
function badBearers(token: string): string[] {
  return [
    "Bearer",
    "Bearer ",
    "Bearer garbage",
    "Bearer a.b.c",
    "Bearer ....",
    `Bearer ${"x".repeat(10_000)}`,
    `Bearer ${tampered(token)}`,
    `Bearer ${unsigned(token)}`,
    `Bearer ${token.split(".").slice(0, 2).join(".")}.`,
    `Bearer ${token} ${token}`,
    `Basic ${Buffer.from("client:secret").toString("base64")}`,
    `Token ${token}`,
    token,
    "Bearer \u00ff\u00fe",
    "Bearer eyJhbGciOiJIUzI1NiJ9.e30.ZRrHA1JJJW8opsbCGfG_HACGpVUMN_a9IV7pAx_Zmeo",
  ];
}

/**
 * How a request presents credentials for an operation: mostly right (so the rest of the request is
 * what gets tested), else none, garbage, forged, wrong audience or too few scopes (bearer tokens),
 * or wrong, garbage or missing client credentials (HTTP Basic). The signature scheme is the
 * assembler's business (it signs the final bytes).
 */
export function credentialVariants(target: FuzzTarget, minted: FuzzCredentials): fc.Arbitrary<CredentialVariant> {
  const { guard } = target;
  const none: CredentialVariant = { category: "token:none", headers: {} };
  if (guard.kind === "bearer" && minted.valid) {
    const valid: CredentialVariant = { category: "valid", headers: { authorization: `Bearer ${minted.valid}` } };
    const bad: CredentialVariant[] = [
      none,
      ...badBearers(minted.valid).map((header) => ({ category: "token:garbage", headers: { authorization: header } })),
      { category: "valid", headers: { authorization: `bearer ${minted.valid}` } },
    ];
    if (minted.foreign) {
      bad.push({ category: "token:wrong-audience", headers: { authorization: `Bearer ${minted.foreign}` } });
    }
    const short = minted.insufficient.get(target.operationId);
    if (short) bad.push({ category: "token:insufficient-scope", headers: { authorization: `Bearer ${short}` } });
    return fc.oneof({ weight: 1, arbitrary: fc.constant(valid) }, { weight: 1, arbitrary: fc.constantFrom(...bad) });
  }
  if (guard.kind === "basic" && minted.basic) {
    const { id, secret } = minted.basic;
    const basic = (user: string, password: string) =>
      `Basic ${Buffer.from(`${encodeURIComponent(user)}:${encodeURIComponent(password)}`).toString("base64")}`;
    const valid: CredentialVariant = { category: "valid", headers: { authorization: basic(id, secret) } };
    const bad: CredentialVariant[] = [
      none,
      ...[
        basic(id, `${secret}x`),
        basic("nobody", secret),
        basic("", ""),
        `Basic ${Buffer.from("no-colon").toString("base64")}`,
        "Basic !!!not-base64!!!",
        "Basic",
        `Basic ${Buffer.from(`%zz:${secret}`).toString("base64")}`,
        `Basic ${Buffer.from("\u00ff\u00fe:\u0000").toString("base64")}`,
        `Basic ${"A".repeat(10_000)}`,
        `Bearer ${secret}`,
      ].map((header) => ({ category: "token:garbage", headers: { authorization: header } })),
    ];
    return fc.oneof({ weight: 2, arbitrary: fc.constant(valid) }, { weight: 1, arbitrary: fc.constantFrom(...bad) });
  }
  return fc.constant({ category: "valid", headers: {} });
}

/** Every credential variant of an operation but the valid ones (the `token` category). */
export function badCredentials(target: FuzzTarget, minted: FuzzCredentials): fc.Arbitrary<CredentialVariant> {
  return credentialVariants(target, minted).filter((variant) => variant.category !== "valid");
}

/** The valid credentials of an operation. */
export function goodCredentials(target: FuzzTarget, minted: FuzzCredentials): fc.Arbitrary<CredentialVariant> {
  return credentialVariants(target, minted).filter((variant) => variant.category === "valid");
}
