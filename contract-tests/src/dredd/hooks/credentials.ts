import type { OperationSpec, SpecIndex } from "@jeeves/codecs";
import type { ProviderCredentials, RequestSpec } from "../providers/types.ts";
import { securitySchemes } from "./spec-lookup.ts";

function basic(id: string, secret: string): string {
  // RFC 6749 §2.3.1: each part form-url-encoded before Basic.
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;
}

/** Hands out Authorization headers for a spec's operations, minting (and caching) bearer tokens as needed. */
export class Authorizer {
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(
    private readonly index: SpecIndex,
    private readonly credentials: ProviderCredentials,
  ) {}

  private bearer(scopes: string[]): Promise<string> {
    const mint = this.credentials.bearer;
    if (!mint) throw new Error("the operation needs a bearer token and the provider gives none");
    const key = [...scopes].sort().join(" ");
    let token = this.tokens.get(key);
    if (!token) {
      token = mint(scopes);
      this.tokens.set(key, token);
    }
    return token;
  }

  /**
   * The Authorization header of a request, or undefined for none. An operation's first security requirement
   * that names a scheme decides: OAuth 2.0 / bearer schemes get a token with every scope (`valid`), no
   * header at all (`unauthenticated`) or a token with every scope but the operation's (`insufficient`);
   * HTTP Basic gets the client's credentials, or a wrong secret when `unauthenticated`; an API key scheme
   * the provider signs in its `prepare` (`signedByPrepare`) gets nothing here.
   */
  async header(operation: OperationSpec, mode: RequestSpec["credentials"]): Promise<string | undefined> {
    const requirement = operation.security.find((r) => Object.keys(r).length > 0);
    if (!requirement) return undefined;
    const [name, scopes] = Object.entries(requirement)[0];
    const scheme = securitySchemes(this.index)[name];
    if (!scheme) throw new Error(`unknown security scheme ${name}`);
    const type = String(scheme.type);
    const httpScheme = String(scheme.scheme ?? "").toLowerCase();
    if (type === "oauth2" || type === "openIdConnect" || (type === "http" && httpScheme === "bearer")) {
      if (mode === "unauthenticated") return undefined;
      const all = this.credentials.scopes ?? scopes;
      const granted = mode === "insufficient" ? all.filter((s) => !scopes.includes(s)) : all;
      if (granted.length === 0) throw new Error(`no scope is left to make ${operation.operationId} forbidden`);
      return `Bearer ${await this.bearer(granted)}`;
    }
    if (type === "http" && httpScheme === "basic") {
      const client = this.credentials.basic;
      if (!client) throw new Error("the operation needs HTTP Basic credentials and the provider gives none");
      if (mode === "insufficient") throw new Error("HTTP Basic credentials carry no scopes: no 403 to provoke");
      return basic(client.id, mode === "unauthenticated" ? `wrong-${client.secret}` : client.secret);
    }
    if (type === "apiKey" && this.credentials.signedByPrepare?.includes(name)) return undefined;
    throw new Error(`security scheme ${name} (${type}) is not supported by the Dredd hooks`);
  }
}
