import { createTokenProvider } from "@jeeves/client-kit";
import { createSlackbotClient } from "@jeeves/client-kit/clients/slackbot";

/** Who talks to Jeeves, and where. */
export interface ChatSessionOptions {
  slackbotUrl: string;
  tokendealerUrl: string;
  /** The TokenDealer client the chat authenticates as (it needs `chat:write` for the slackbot). */
  clientId: string;
  clientSecret: string;
  /** The person's name in Jeeves (their user id in the `local` team). */
  user: string;
  /** The conversation; replies and settings belong to the user, not to it. */
  conversation?: string;
  fetch?: (input: Request) => Promise<Response>;
}

/** A conversation with Jeeves over `POST /chat`. */
export interface ChatSession {
  /** Sends one line and answers Jeeves's reply, or a sentence saying what went wrong. */
  send(text: string): Promise<string>;
}

/** Turns a failed call into a sentence a person can act on. */
function explain(error: unknown, slackbotUrl: string): string {
  const cause = (error as { cause?: { code?: string } })?.cause;
  if (cause?.code === "ECONNREFUSED") {
    return `(Jeeves is not reachable at ${slackbotUrl}: start it with \`npm start\` in another terminal.)`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `(could not talk to Jeeves: ${message})`;
}

/**
 * Opens a chat session: a token for the slackbot from the TokenDealer (client credentials), then one
 * `POST /chat` per line through the generated slackbot client.
 */
export function createChatSession(options: ChatSessionOptions): ChatSession {
  const auth = createTokenProvider({
    tokendealerUrl: options.tokendealerUrl,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    audience: "slackbot",
    scopes: ["chat:write"],
    fetch: options.fetch,
  });
  const client = createSlackbotClient({ baseUrl: options.slackbotUrl, auth, fetch: options.fetch });
  return {
    async send(text) {
      try {
        const { data, error, response } = await client.POST("/chat", {
          body: { text, user: options.user, ...(options.conversation ? { conversation: options.conversation } : {}) },
        });
        if (data) return data.text;
        const problem = error as { title?: string; detail?: string } | undefined;
        return `(Jeeves could not answer: ${response.status} ${problem?.detail ?? problem?.title ?? ""})`.replace(
          / \)$/,
          ")",
        );
      } catch (error) {
        return explain(error, options.slackbotUrl);
      }
    },
  };
}
