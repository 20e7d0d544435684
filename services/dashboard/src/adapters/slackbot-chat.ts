import { createSlackbotClient } from "@jeeves/client-kit/clients/slackbot";
import type { ServiceToken } from "../domain/person-tokens.ts";
import { ERR } from "../errors.ts";
import { type CallLog, failedCall, refusal, sendCall } from "./upstream-call.ts";

/** Jeeves's reply to a chat message. */
export interface ChatReply {
  text: string;
  time: string;
}

/** Talking to Jeeves through the slackbot's local chat. */
export interface Chat {
  /** Sends `text` as the person with this user id, in their conversation `dashboard-<user id>`; Jeeves's reply. */
  send(log: CallLog, userId: string, text: string): Promise<ChatReply>;
}

/** Where the slackbot is and how the dashboard gets its token. */
export interface ChatOptions {
  /** Its root URL (`SLACKBOT_URL`). */
  baseUrl: string;
  /** The dashboard's own token (audience `slackbot`, `chat:write`). */
  serviceToken: ServiceToken;
  /** How long the dashboard waits for the reply, ms (longer than the slackbot's own wait). */
  timeoutMs: number;
  /** The fetch to send requests with (tests). */
  fetch?: (input: Request) => Promise<Response>;
}

/** The conversation of a person's chat on the dashboard. */
export function conversationOf(userId: string): string {
  return `dashboard-${userId}`;
}

/**
 * The slackbot's `POST /chat` through its generated client, with the dashboard's own token (a 401 renews
 * it once): `user` is the person's user id, the conversation `dashboard-<user id>`. Its 504 (no reply in
 * time), and a wait longer than `timeoutMs`, are 504 `DASHBOARD_ERR_NO_REPLY`; other failures as
 * upstream-call.ts maps them.
 */
export function createChat(options: ChatOptions): Chat {
  const client = createSlackbotClient({ baseUrl: options.baseUrl, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const site = { service: "slackbot", operation: "sendChatMessage" };
  return {
    async send(log, userId, text) {
      const call = async () => {
        let token: string;
        try {
          token = await options.serviceToken.token();
        } catch (error) {
          throw failedCall({ ...site, service: "tokendealer" }, error, log);
        }
        const body = { text, user: userId, conversation: conversationOf(userId) };
        try {
          const answer = await sendCall(
            site,
            (signal) => client.POST("/chat", { body, headers: { authorization: `Bearer ${token}` }, signal }),
            { timeoutMs: options.timeoutMs, log },
          );
          return { token, answer };
        } catch (error) {
          if ((error as { code?: string }).code === ERR.UPSTREAM_UNAVAILABLE.code) {
            const cause = (error as Error).cause as Error | undefined;
            if (cause?.name === "TimeoutError") throw ERR.NO_REPLY({ detail: "Jeeves did not answer in time" });
          }
          throw error;
        }
      };
      let { token, answer } = await call();
      if (answer.response.status === 401) {
        options.serviceToken.invalidate(token);
        ({ token, answer } = await call());
      }
      if (answer.response.status === 504) throw ERR.NO_REPLY({ detail: "Jeeves did not answer in time" });
      if (answer.response.status === 403) {
        // The dashboard's client lacks chat:write: its set-up, not the person's doing.
        log.error({ ...site, status: 403 }, "the slackbot refused the dashboard's token");
        throw ERR.UPSTREAM({ detail: "the slackbot refused the dashboard" });
      }
      const error = refusal(site, answer.response, answer.error, log);
      if (error) throw error;
      const reply = answer.data as { text: string; time: string };
      return { text: reply.text, time: reply.time };
    },
  };
}
