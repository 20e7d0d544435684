import { createHmac, randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";

/** The workspace the benchmark installs, Jeeves's bot user in it, the person who writes, and the channel. */
export const BENCH_TEAM = "T0BENCH001";
export const BENCH_BOT_USER = "U0BENCHBOT";
export const BENCH_BOT_TOKEN = "xoxb-bench-not-a-real-token";
export const BENCH_USER = "U0BERTIE01";
export const BENCH_CHANNEL = "C0BENCH001";

/** A Slack Events API `event_callback` body: an `app_mention` of Jeeves in a channel. */
export interface SlackEventBody {
  token: string;
  team_id: string;
  api_app_id: string;
  type: "event_callback";
  event_id: string;
  event_time: number;
  authorizations: { team_id: string; user_id: string; is_bot: boolean }[];
  event: { type: "app_mention"; user: string; text: string; ts: string; channel: string; event_ts: string };
}

/** What {@link slackEvent} needs: the text after the mention, a sequence number unique in the run, the time. */
export interface SlackEventInput {
  text: string;
  /** Makes `event_id` and the message `ts` unique (the reply is threaded under that `ts`). */
  seq: number;
  /** A tag of the run (say a few random hex digits), so two runs never share an event id. */
  run: string;
  /** Unix seconds (the event's `event_time`, and the integer part of its `ts`). */
  nowSeconds: number;
}

/** A random run tag for {@link SlackEventInput.run}: 8 upper-case hex digits. */
export function newRunTag(): string {
  return randomBytes(4).toString("hex").toUpperCase();
}

/**
 * An `event_callback` envelope with an `app_mention` of Jeeves (`<@BENCH_BOT_USER> text`) by
 * {@link BENCH_USER} in {@link BENCH_CHANNEL} of {@link BENCH_TEAM}: what the slackbot publishes (a
 * plain channel `message` without a mention is ignored, as Slack sends mentions as `app_mention`).
 * `event.ts` is `<nowSeconds>.<seq, 6 digits>`: the `thread_ts` of Jeeves's reply, which is how a reply
 * is matched to its event.
 */
export function slackEvent(input: SlackEventInput): SlackEventBody {
  const ts = eventTs(input.nowSeconds, input.seq);
  return {
    token: "legacy-verification-token",
    team_id: BENCH_TEAM,
    api_app_id: "A0BENCH001",
    type: "event_callback",
    event_id: `Ev0B${input.run}${String(input.seq).padStart(8, "0")}`,
    event_time: input.nowSeconds,
    authorizations: [{ team_id: BENCH_TEAM, user_id: BENCH_BOT_USER, is_bot: true }],
    event: {
      type: "app_mention",
      user: BENCH_USER,
      text: `<@${BENCH_BOT_USER}> ${input.text}`,
      ts,
      channel: BENCH_CHANNEL,
      event_ts: ts,
    },
  };
}

/** The message `ts` of event `seq` sent at `nowSeconds` (see {@link slackEvent}). */
export function eventTs(nowSeconds: number, seq: number): string {
  return `${nowSeconds}.${String(seq).padStart(6, "0")}`;
}

/** Slack's `v0=` signature: hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing secret. */
export function slackSignature(signingSecret: string, timestamp: string, payload: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${payload}`).digest("hex")}`;
}

/** A body ready to send as Slack would: the exact bytes and the headers signing them. */
export interface SignedEvent {
  payload: string;
  headers: Record<string, string>;
}

/** Serialises `body` and signs it at `timestampSeconds` (Unix seconds, default now). */
export function signEvent(signingSecret: string, body: unknown, timestampSeconds?: number): SignedEvent {
  const payload = JSON.stringify(body);
  const timestamp = String(timestampSeconds ?? Math.floor(Date.now() / 1000));
  return {
    payload,
    headers: {
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(payload)),
      "x-slack-request-timestamp": timestamp,
      "x-slack-signature": slackSignature(signingSecret, timestamp, payload),
    },
  };
}

/** The signing secret the suite wrote (or was given) in `<dataDir>/slackbot/signing-secret`. */
export async function readSigningSecret(dataDir: string): Promise<string> {
  const secret = (await readFile(join(dataDir, "slackbot", "signing-secret"), "utf8")).trim();
  if (!secret) throw new Error(`${join(dataDir, "slackbot", "signing-secret")} is empty`);
  return secret;
}
