import type { paths } from "@jeeves/generated/openapi/tokendealer";
import createFetchClient from "openapi-fetch";
import { TokenRequestError } from "./token-provider.ts";
import { tracedFetch } from "./trace-propagation.ts";

/** RFC 8693's grant type. */
export const TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";

/** The subject token type of a Jeeves user id (the TokenDealer issues a token for that person). */
export const USER_ID_TOKEN_TYPE = "urn:jeeves:params:oauth:token-type:user-id";

/** Who asks for tokens on behalf of others, and for which service. */
export interface TokenExchangeOptions {
  /** The TokenDealer's root URL (`TOKENDEALER_URL`). */
  tokendealerUrl: string;
  /** The client that acts for the subjects (its client credentials, sent by HTTP Basic). */
  clientId: string;
  clientSecret: string;
  /** The service the tokens are for (its name, e.g. `dataservice`). */
  audience: string;
  /** What the subject is. Default {@link USER_ID_TOKEN_TYPE} (the subject token is a user id). */
  subjectTokenType?: string;
  /** Renew this many seconds before expiry. Default 30. */
  marginSeconds?: number;
  /** Most subjects whose token is kept; the least recently used goes first. Default 10 000. */
  maxSubjects?: number;
  /** The fetch to reach the TokenDealer with (tests). */
  fetch?: (input: Request) => Promise<Response>;
  /** The clock, in ms (tests). */
  now?: () => number;
}

/** Hands out tokens for subjects (people), each fetched by token exchange and kept until shortly before expiry. */
export interface TokenExchange {
  /** A token for `subject` valid for at least the margin; concurrent callers for one subject share one fetch. */
  token(subject: string): Promise<string>;
  /** Forgets the subject's token (`token`: only if it is still that one), say after a 401 or a logout. */
  invalidate(subject: string, token?: string): void;
}

const formEncode = (body: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(body).filter((e): e is [string, string] => e[1] !== undefined)).toString();

/**
 * Gets tokens for subjects by the token exchange grant (RFC 8693) through the TokenDealer's generated
 * client: `grant_type=urn:ietf:params:oauth:grant-type:token-exchange`, `subject_token` (the user id),
 * `subject_token_type` and `audience`, the acting client authenticated by HTTP Basic. Each subject's
 * token is reused until `marginSeconds` before it expires; at most `maxSubjects` are kept. A refusal
 * rejects with {@link TokenRequestError} (`invalid_grant`: the TokenDealer issues nothing for this
 * subject). Secrets and tokens are never logged.
 */
export function createTokenExchange(options: TokenExchangeOptions): TokenExchange {
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
  const max = options.maxSubjects ?? 10_000;
  if (!(Number.isInteger(max) && max >= 1)) throw new RangeError("maxSubjects must be a positive integer");
  const subjectTokenType = options.subjectTokenType ?? USER_ID_TOKEN_TYPE;
  // Insertion order is use order (a hit is moved to the end): the first key is the least recently used.
  const kept = new Map<string, { token: string; expiresAt: number }>();
  const inflight = new Map<string, Promise<string>>();

  async function exchange(subject: string): Promise<string> {
    const started = now();
    // The TokenDealer's spec lists the token exchange's fields once it takes them; the form is RFC 8693's.
    const body = {
      grant_type: TOKEN_EXCHANGE_GRANT,
      subject_token: subject,
      subject_token_type: subjectTokenType,
      audience: options.audience,
    } as Record<string, string>;
    const { data, error, response } = await client.POST("/oauth/token", {
      body: body as never,
      bodySerializer: formEncode as never,
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${basic}` },
    });
    if (!data) {
      const oauth = error as { error?: string; error_description?: string } | undefined;
      throw new TokenRequestError(response.status, oauth?.error ?? "server_error", oauth?.error_description);
    }
    kept.delete(subject);
    kept.set(subject, { token: data.access_token, expiresAt: started + data.expires_in * 1000 });
    while (kept.size > max) kept.delete(kept.keys().next().value as string);
    return data.access_token;
  }

  return {
    token(subject) {
      const current = kept.get(subject);
      if (current && current.expiresAt - margin > now()) {
        kept.delete(subject);
        kept.set(subject, current);
        return Promise.resolve(current.token);
      }
      let pending = inflight.get(subject);
      if (!pending) {
        pending = exchange(subject).finally(() => inflight.delete(subject));
        inflight.set(subject, pending);
      }
      return pending;
    },
    invalidate(subject, token) {
      if (!token || kept.get(subject)?.token === token) kept.delete(subject);
    },
  };
}
