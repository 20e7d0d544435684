import { SERVICE_MANIFESTS } from "@jeeves/manifest";

/** Default ports of the suite's other services (their manifests'), whose docs pages ask the TokenDealer for tokens. */
const SUITE_DOCS_PORTS = SERVICE_MANIFESTS.filter((service) => service.name !== "tokendealer")
  .map((service) => service.port.default)
  .sort((a, b) => a - b);

/** Hosts that mean "this machine": a page at one of them is reached under any of {@link LOOPBACK_NAMES} too. */
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "0.0.0.0", "[::]"]);
const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"];

/** Parses one origin: an http(s) URL with nothing after its host and port; answered as `URL.origin`. */
export function docsOrigin(value: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new Error(`${JSON.stringify(value)} is not an origin (http://host:port)`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new Error(`${JSON.stringify(value)} is not an http or https origin`);
  }
  if (parsed.username || parsed.password || parsed.pathname !== "/" || parsed.search || parsed.hash) {
    throw new Error(`${JSON.stringify(value)} is not an origin: only scheme, host and port`);
  }
  return parsed.origin;
}

/**
 * The origins of docs pages at these URLs, as browsers send them in `Origin`: each URL's origin, and
 * for a page on this machine (127.0.0.1, localhost, ::1, or a service listening on 0.0.0.0 or ::) the
 * same port under 127.0.0.1, localhost and [::1], since a person may open it under any of them.
 */
export function docsOrigins(urls: readonly string[]): string[] {
  const origins = new Set<string>();
  for (const url of urls) {
    const parsed = new URL(url);
    origins.add(parsed.origin);
    if (!LOOPBACK_HOSTS.has(parsed.hostname)) continue;
    for (const name of LOOPBACK_NAMES) {
      const alias = new URL(parsed.origin);
      alias.hostname = name;
      origins.add(alias.origin);
    }
  }
  return [...origins];
}

/** The default: the docs pages of the suite's other services on their embedded default ports. */
export const DEFAULT_DOCS_ORIGINS: readonly string[] = docsOrigins(
  SUITE_DOCS_PORTS.map((port) => `http://127.0.0.1:${port}`),
);

/**
 * Parses `TOKENDEALER_DOCS_ORIGINS`: origins separated by commas (`http://docs.example:8080,
 * https://jeeves.example`), or `none` for no cross-origin access at all. Never `*`.
 */
export function parseDocsOrigins(value: string): string[] {
  if (value.trim().toLowerCase() === "none") return [];
  const written = value
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  if (written.length === 0) throw new Error("must be origins separated by commas, or none");
  return [...new Set(written.map(docsOrigin))];
}
