import type { paths } from "@jeeves/generated/openapi/tokendealer";
import createFetchClient from "openapi-fetch";
import { tracedFetch } from "./trace-propagation.ts";

/** Who the client is and what token it wants. */
export interface TokenProviderOptions {
  /** The TokenDealer's root URL (`TOKENDEALER_URL`). */
  tokendealerUrl: string;
  clientId: string;
  clientSecret: string;
  /** The service the tokens are for (its name, e.g. `dataservice`). */
  audience: string;
  /** The scopes to ask for; default all the client may have. */
  scopes?: string[];
  /** Renew this many seconds before expiry. Default 30. */
  marginSeconds?: number;
  /** The fetch to reach the TokenDealer with (tests). */
  fetch?: (input: Request) => Promise<Response>;
  /** The clock, in ms (tests). */
  now?: () => number;
}

/** Hands out a bearer token, fetching a new one only when needed. */
export interface TokenProvider {
  /** A token valid for at least the margin; concurrent callers share one fetch. */
  token(): Promise<string>;
  /** Forgets `token` (say, after a 401), so the next call fetches a new one. */
  invalidate(token?: string): void;
}

/** The TokenDealer refused the credentials or the request (RFC 6749 §5.2 error). */
export class TokenRequestError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    description?: string,
  ) {
    super(`the TokenDealer answered ${status} ${error}${description ? `: ${description}` : ""}`);
    this.name = "TokenRequestError";
  }
}

const formEncode = (body: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(body).filter((e): e is [string, string] => e[1] !== undefined)).toString();

/**
 * Gets tokens by the client credentials grant through the TokenDealer's generated client, and reuses
 * each until shortly before it expires. Secrets travel in the Basic header only, and are never logged.
 */
export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  const client = createFetchClient<paths>({
    baseUrl: options.tokendealerUrl,
    // The TokenDealer's calls join the caller's trace too (trace-propagation.ts).
    fetch: tracedFetch(options.fetch ?? ((request: Request) => globalThis.fetch(request))),
  });
  const basic = Buffer.from(
    `${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`,
  ).toString("base64");
  const now = options.now ?? Date.now;
  const margin = (options.marginSeconds ?? 30) * 1000;
  let current: { token: string; expiresAt: number } | undefined;
  let inflight: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const started = now();
    const { data, error, response } = await client.POST("/oauth/token", {
      body: { grant_type: "client_credentials", audience: options.audience, scope: options.scopes?.join(" ") },
      bodySerializer: formEncode,
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${basic}` },
    });
    if (!data) {
      const oauth = error as { error?: string; error_description?: string } | undefined;
      throw new TokenRequestError(response.status, oauth?.error ?? "server_error", oauth?.error_description);
    }
    current = { token: data.access_token, expiresAt: started + data.expires_in * 1000 };
    return data.access_token;
  }

  return {
    token() {
      if (current && current.expiresAt - margin > now()) return Promise.resolve(current.token);
      inflight ??= fetchToken().finally(() => {
        inflight = undefined;
      });
      return inflight;
    },
    invalidate(token) {
      if (!token || current?.token === token) current = undefined;
    },
  };
}
