import type { paths } from "@jeeves/generated/openapi/tokendealer";
import createFetchClient from "openapi-fetch";
import { tracedFetch } from "./trace-propagation.ts";

/** How a client reaches the TokenDealer's token endpoint. */
export interface TokenDealerClientOptions {
  /** The TokenDealer's root URL (`TOKENDEALER_URL`). */
  tokendealerUrl: string;
  clientId: string;
  clientSecret: string;
  /** The fetch to reach the TokenDealer with (tests). */
  fetch?: (input: Request) => Promise<Response>;
}

/** An RFC 6749 form body, fields left undefined left out. */
export const formEncode = (body: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(body).filter((e): e is [string, string] => e[1] !== undefined)).toString();

/**
 * The TokenDealer's generated client, and the client's HTTP Basic credentials (RFC 6749 §2.3.1: id and
 * secret form-encoded, then base64), shared by the client credentials and the token exchange grants.
 */
export function tokenDealerClient(options: TokenDealerClientOptions) {
  const client = createFetchClient<paths>({
    baseUrl: options.tokendealerUrl,
    // The TokenDealer's calls join the caller's trace too (trace-propagation.ts).
    fetch: tracedFetch(options.fetch ?? ((request: Request) => globalThis.fetch(request))),
  });
  const basic = Buffer.from(
    `${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`,
  ).toString("base64");
  return { client, basic };
}
