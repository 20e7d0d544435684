/** One request the fuzzer sends. */
export interface FuzzRequest {
  /** What was done to it: `valid`, or the mutation (`wrong-type`, `garbage-msgpack`, `token:none`…). */
  category: string;
  /** The operation it was made from. */
  operationId: string;
  method: string;
  /** Path and query as sent (already percent-encoded where needed). */
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
  /**
   * True when the body, as the server decodes it, breaks the operation's schema (a wrong type, a missing
   * or unknown property…): no 2xx may answer it.
   */
  invalidBody?: boolean;
  /** The whole request as bytes, sent as is over a socket (what `app.inject` cannot express). */
  raw?: Buffer;
}

/** What came back, and how long it took. */
export interface FuzzAnswer {
  /** The HTTP status; 0 when nothing came back (see `error`). */
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  ms: number;
  /** Why there is no answer: the app threw, the connection broke, or the wait ran out. */
  error?: string;
}
