/** What the load process sends: signed Slack events, or local chat lines. */
export type OpenLoopRequests =
  | {
      kind: "slack-event";
      /** The slackbot's `POST /slack/events` URL. */
      url: string;
      signingSecret: string;
      /** The text after the mention (say `help`). */
      text: string;
      /** Tags the event ids of this run (see newRunTag). */
      run: string;
      /** The sequence number of the first event (so rounds never reuse a `ts`). */
      firstSeq: number;
    }
  | {
      kind: "chat";
      /** The slackbot's `POST /chat` URL. */
      url: string;
      /** A bearer token for audience slackbot with `chat:write`. */
      token: string;
      text: string;
      user: string;
    };

/** One open-loop run: the requests, the rate, for how long, and each request's time limit. */
export interface OpenLoopConfig {
  requests: OpenLoopRequests;
  /** Requests per second. */
  rate: number;
  durationSeconds: number;
  /** A request not answered within this many ms is an error (default 10000). */
  timeoutMs?: number;
  /** Most connections at once (keep-alive; default 256). */
  maxSockets?: number;
}

/** What the load process reports (on its stdout, as JSON). Times are on the monotonic clock (ms). */
export interface OpenLoopOutcome {
  /** Each request's due time. */
  dueAt: number[];
  /** Each request's key: the event's message `ts` (the reply's thread), or its index for chat. */
  keys: string[];
  /** Each request's latency from its due time to the end of the answer; -1 when it failed. */
  latencyMs: number[];
  /** Each request's HTTP status; 0 for a network error or a time-out. */
  status: number[];
  /** Errors by kind (`HTTP 429`, `ECONNRESET`, `timeout`…). */
  errors: Record<string, number>;
  /** The most a request left after its due time (the load process itself falling behind). */
  maxLagMs: number;
}
