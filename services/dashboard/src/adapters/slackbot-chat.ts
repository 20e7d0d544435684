import { TokenRequestError } from "@jeeves/client-kit";
import { createSlackbotClient } from "@jeeves/client-kit/clients/slackbot";
import type { PersonTokens } from "../domain/person-tokens.ts";
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
  /** Forgets the person's cached token for the slackbot (at logout). */
  forget(userId: string): void;
}

/** Where the slackbot is and how the dashboard gets the person's token for it. */
export interface ChatOptions {
  /** Its root URL (`SLACKBOT_URL`). */
  baseUrl: string;
  /** Tokens the TokenDealer issues for a person, audience `slackbot` (`chat:write`). */
  personTokens: PersonTokens;
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
 * The slackbot's `POST /chat` through its generated client, with a token the TokenDealer issued for the
 * person (token exchange, audience `slackbot`; a 401 renews it once): the slackbot then speaks as that
 * person, so Jeeves works on their own user (location, units, time zone, alerts). The body has no `user`
 * (the token says who), the conversation is `dashboard-<user id>`. A TokenDealer that issues no token for
 * the person any more (`invalid_grant`) is 401 `DASHBOARD_ERR_NOT_LOGGED_IN`. Its 504 (no reply in
 * time), and a wait longer than `timeoutMs`, are 504 `DASHBOARD_ERR_NO_REPLY`; a 403 (the dashboard's
 * person scopes lack `chat:write`: its set-up) is 502; other failures as upstream-call.ts maps them.
 */
export function createChat(options: ChatOptions): Chat {
  const client = createSlackbotClient({ baseUrl: options.baseUrl, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const site = { service: "slackbot", operation: "sendChatMessage" };

  /** The person's token for the slackbot; a TokenDealer that issues none for this user id any more ends the login. */
  async function personToken(log: CallLog, userId: string): Promise<string> {
    try {
      return await options.personTokens.token(userId);
    } catch (error) {
      if (error instanceof TokenRequestError && error.error === "invalid_grant") {
        log.warn({ ...site }, "the TokenDealer issues no token for this person any more");
        throw ERR.NOT_LOGGED_IN({ detail: "log in again", cause: error });
      }
      throw failedCall({ ...site, service: "tokendealer" }, error, log);
    }
  }

  return {
    async send(log, userId, text) {
      const body = { text, conversation: conversationOf(userId) };
      const call = async () => {
        const token = await personToken(log, userId);
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
        options.personTokens.invalidate(userId, token);
        ({ token, answer } = await call());
      }
      if (answer.response.status === 504) throw ERR.NO_REPLY({ detail: "Jeeves did not answer in time" });
      if (answer.response.status === 403) {
        // The person's token lacks chat:write, or the slackbot took it for someone else: the set-up, not the person's doing.
        const code = (answer.error as { code?: unknown } | undefined)?.code;
        log.error({ ...site, status: 403, code }, "the slackbot refused the person's token");
        throw ERR.UPSTREAM({ detail: "the slackbot refused the dashboard" });
      }
      const error = refusal(site, answer.response, answer.error, log);
      if (error) throw error;
      const reply = answer.data as { text: string; time: string };
      return { text: reply.text, time: reply.time };
    },
    forget(userId) {
      options.personTokens.invalidate(userId);
    },
  };
}
