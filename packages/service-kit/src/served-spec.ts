import { withoutTrailingSlashes } from "./config.ts";

/** Where the served spec points: the service's own URL and the TokenDealer's. */
export interface ServedSpecUrls {
  /** The URL the service runs at (the page's own origin): the spec's only server. Absent: the spec's servers. */
  serverUrl?: string;
  /** The running TokenDealer's URL: every OAuth flow's `tokenUrl` is its token endpoint. Absent: as written. */
  tokenDealerUrl?: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** `tokenUrl` on the TokenDealer at `base`: its path kept (`/oauth/token`), the scheme, host and port replaced. */
function onTokenDealer(tokenUrl: unknown, base: string): unknown {
  if (typeof tokenUrl !== "string") return tokenUrl;
  let path: string;
  try {
    path = new URL(tokenUrl).pathname;
  } catch {
    // A relative tokenUrl names a path on the TokenDealer already.
    path = tokenUrl.startsWith("/") ? tokenUrl : `/${tokenUrl}`;
  }
  return `${withoutTrailingSlashes(base)}${path}`;
}

/**
 * The spec as the docs page serves it: `servers` is the URL the service runs at, and the `tokenUrl` of
 * every OAuth flow is the running TokenDealer's, so "Try it out" and "Authorize" reach the running
 * services on any port. The spec files keep their embedded defaults; `spec` is not changed (a copy is).
 */
export function servedSpec(spec: Json, urls: ServedSpecUrls): Json {
  const served: Json = { ...spec };
  if (urls.serverUrl)
    served.servers = [{ url: urls.serverUrl, description: "this service, where this page is served" }];
  const components = spec.components;
  const schemes = isObject(components) ? components.securitySchemes : undefined;
  if (!urls.tokenDealerUrl || !isObject(components) || !isObject(schemes)) return served;
  const tokenDealerUrl = urls.tokenDealerUrl;
  const securitySchemes = Object.fromEntries(
    Object.entries(schemes).map(([name, scheme]) => {
      if (!isObject(scheme) || scheme.type !== "oauth2" || !isObject(scheme.flows)) return [name, scheme];
      const flows = Object.fromEntries(
        Object.entries(scheme.flows).map(([kind, flow]) => [
          kind,
          isObject(flow) && "tokenUrl" in flow
            ? { ...flow, tokenUrl: onTokenDealer(flow.tokenUrl, tokenDealerUrl) }
            : flow,
        ]),
      );
      return [name, { ...scheme, flows }];
    }),
  );
  served.components = { ...components, securitySchemes };
  return served;
}

/**
 * The origin a request was made to (`http://127.0.0.1:3001`), from its protocol and Host header; undefined
 * when the Host is missing or is not a plain `host[:port]` (user info, a path, spaces…).
 */
export function requestOrigin(protocol: string, host: string | undefined): string | undefined {
  if (!host) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(`${protocol}://${host}`);
  } catch {
    return undefined;
  }
  // The URL parser drops a default port (`:80`) and lower-cases the name; anything else means more than a host.
  const expected = host.toLowerCase();
  const defaultPort = `${parsed.hostname}:${protocol === "https" ? 443 : 80}`;
  if (parsed.host !== expected && defaultPort !== expected) return undefined;
  return parsed.origin;
}
