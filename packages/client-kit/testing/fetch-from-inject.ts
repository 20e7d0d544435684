/** The one method of a fastify instance `fetchFromInject` uses. */
export interface InjectTarget {
  inject(opts: object): Promise<{
    statusCode: number;
    statusMessage?: string;
    headers: Record<string, string | string[] | number | undefined>;
    rawPayload: Buffer;
  }>;
}

/** Statuses a Response may not have a body with. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function injectHeaders(request: Request, url: URL): Record<string, string> {
  const headers: Record<string, string> = { host: url.host };
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return headers;
}

function responseHeaders(raw: Record<string, string | string[] | number | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, String(item));
  }
  return headers;
}

/**
 * A fetch that sends each Request through fastify's `inject` (method, path and query, headers, body
 * bytes) and answers a real Response (raw payload, status, headers): tests call a service in-process,
 * e.g. `createClient({ spec, baseUrl: "http://localhost", fetch: fetchFromInject(app) })`.
 */
export function fetchFromInject(app: InjectTarget): (input: Request) => Promise<Response> {
  return async (input) => {
    const url = new URL(input.url);
    const payload = input.body === null ? undefined : Buffer.from(await input.arrayBuffer());
    const reply = await app.inject({
      method: input.method,
      url: url.pathname + url.search,
      headers: injectHeaders(input, url),
      ...(payload === undefined ? {} : { payload }),
    });
    const noBody = NULL_BODY_STATUSES.has(reply.statusCode) || input.method === "HEAD";
    return new Response(noBody ? null : reply.rawPayload, {
      status: reply.statusCode,
      statusText: reply.statusMessage ?? "",
      headers: responseHeaders(reply.headers),
    });
  };
}
