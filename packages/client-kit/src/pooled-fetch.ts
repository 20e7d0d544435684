import { Agent, request as sendRequest } from "undici";
import { bufferedResponse } from "./buffered-response.ts";

function newAgent(): Agent {
  return new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000 });
}

/** Keep-alive connections to every service, shared by every client of the process. */
let dispatcher = newAgent();

/**
 * Closes the keep-alive connections of {@link pooledFetch} (a process that stops): requests in flight
 * finish first. Later requests open new connections.
 */
export async function closePooledConnections(): Promise<void> {
  const closing = dispatcher;
  dispatcher = newAgent();
  await closing.close();
}

/** {@link closePooledConnections} as a step of service-kit's shutdown (`startServer`'s `alsoClose`). */
export const outboundConnectionsStep = { name: "outbound connections", close: closePooledConnections };

/**
 * undici's `request` on the keep-alive connections of {@link pooledFetch} (closed with them by
 * {@link closePooledConnections}): for a hot call that needs neither a Request nor a Response object.
 */
export function pooledRequest(
  url: string,
  options: Omit<NonNullable<Parameters<typeof sendRequest>[1]>, "dispatcher">,
): ReturnType<typeof sendRequest> {
  return sendRequest(url, { ...options, dispatcher });
}

/** Statuses whose Response must have no body (the Response constructor refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

function headersOf(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

/**
 * `fetch` for the typed clients, on undici's `request` (the library Node's own fetch is built on)
 * instead of the WHATWG fetch machinery, which cost a service-to-service call more CPU than the call
 * itself (a third of the one-process suite's CPU on a chat message). Same contract as fetch for what
 * the clients use: the Request's method, URL, headers, body and signal go out; the answer is a Response
 * with status, headers and the whole body, read from memory (`bufferedResponse`; still compressed
 * if it was: the codec middleware gunzips);
 * a network failure rejects with `TypeError("fetch failed")` and its cause, an abort with the signal's reason.
 */
export async function pooledFetch(input: Request): Promise<Response> {
  const { signal } = input;
  const body = input.body ? Buffer.from(await input.arrayBuffer()) : undefined;
  try {
    const answer = await pooledRequest(input.url, {
      method: input.method as "GET",
      headers: Object.fromEntries(input.headers),
      body,
      signal,
    });
    const bytes = NULL_BODY.has(answer.statusCode) ? null : new Uint8Array(await answer.body.arrayBuffer());
    if (bytes === null) await answer.body.dump();
    return bufferedResponse({
      status: answer.statusCode,
      headers: headersOf(answer.headers),
      body: bytes,
      url: input.url,
    });
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw new TypeError("fetch failed", { cause: error });
  }
}
