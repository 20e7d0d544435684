/** One request a scripted fetch got, with its body read as text. */
export interface SeenRequest {
  method: string;
  /** Path and query, e.g. `/users?limit=20`. */
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** A fetch that answers from a script, and what it was sent. */
export interface ScriptedFetch {
  fetch: (input: Request) => Promise<Response>;
  /** Every request so far, in order. */
  seen: SeenRequest[];
  /** Answers the next requests (set it to replace the script). */
  script: (request: SeenRequest, signal: AbortSignal) => Response | Promise<Response>;
}

/**
 * A fetch for the dashboard's upstreams in tests: each request is recorded, then answered by `script`
 * (which may throw, as a fetch that cannot connect does, or wait on the request's signal).
 */
export function scriptedFetch(
  script: (request: SeenRequest, signal: AbortSignal) => Response | Promise<Response> = () =>
    Response.json({ type: "about:blank", title: "Not Found", status: 404 }, { status: 404 }),
): ScriptedFetch {
  const state = {
    seen: [] as SeenRequest[],
    script,
    async fetch(input: Request): Promise<Response> {
      const url = new URL(input.url);
      const request: SeenRequest = {
        method: input.method,
        path: `${url.pathname}${url.search}`,
        headers: Object.fromEntries(input.headers),
        body: input.body ? await input.text() : "",
      };
      state.seen.push(request);
      return state.script(request, input.signal);
    },
  };
  return state;
}

/** A problem+json Response, as a Jeeves service answers its errors. */
export function problemResponse(
  status: number,
  problem: { code?: string; title?: string; detail?: string; errors?: { field: string; message: string }[] },
  headers: Record<string, string> = {},
): Response {
  return new Response(
    JSON.stringify({ type: `urn:jeeves:problem:${status}`, title: problem.title ?? "Error", status, ...problem }),
    {
      status,
      headers: { "content-type": "application/problem+json", ...headers },
    },
  );
}

/** A fetch failure as node's fetch reports one (no connection). */
export function connectionRefused(): never {
  throw new TypeError("fetch failed", {
    cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
  });
}

/** Waits until the request's signal aborts (a service that never answers), then rejects with its reason. */
export function neverAnswer(signal: AbortSignal): Promise<Response> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}
