import { observedFetch, pooledFetch } from "@jeeves/client-kit";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { createDataservice, type Dataservice } from "../adapters/dataservice.ts";
import { type Chat, createChat } from "../adapters/slackbot-chat.ts";
import type { PersonTokens, ServiceToken } from "../domain/person-tokens.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** The dataservice, for a person (their token) and for the password check (the dashboard's token). */
    dataservice: Dataservice;
    /** The slackbot's local chat, as the person (their token). */
    chat: Chat;
  }
}

/** Where the services the dashboard calls are, and the tokens it calls them with. */
export interface UpstreamsOptions {
  dataservice: {
    /** `DATASERVICE_URL`. */
    url: string;
    /** The dashboard's own token for the dataservice (the password check). */
    token: ServiceToken;
    /** The fetch to send requests with (tests). */
    fetch?: (input: Request) => Promise<Response>;
  };
  slackbot: {
    /** `SLACKBOT_URL`. */
    url: string;
    /** Tokens for the logged-in person, audience `slackbot` (`chat:write`): the chat speaks as them. */
    personTokens: PersonTokens;
    fetch?: (input: Request) => Promise<Response>;
  };
  /** Tokens for the logged-in person (audience `dataservice`). */
  personTokens: PersonTokens;
  /** How long a call may take, ms. */
  timeoutMs: number;
  /** How long a chat message may wait for its reply, ms. */
  chatTimeoutMs: number;
}

/** Decorates `app.dataservice` and `app.chat` (their generated clients; see adapters/). */
export const upstreamsPlugin = fp(
  async (app: FastifyInstance, options: UpstreamsOptions) => {
    app.decorate(
      "dataservice",
      createDataservice({
        baseUrl: options.dataservice.url,
        serviceToken: options.dataservice.token,
        personTokens: options.personTokens,
        timeoutMs: options.timeoutMs,
        fetch: observedFetch(options.dataservice.fetch ?? pooledFetch, app.metrics.outbound("dataservice")),
      }),
    );
    app.decorate(
      "chat",
      createChat({
        baseUrl: options.slackbot.url,
        personTokens: options.slackbot.personTokens,
        timeoutMs: options.chatTimeoutMs,
        fetch: observedFetch(options.slackbot.fetch ?? pooledFetch, app.metrics.outbound("slackbot")),
      }),
    );
  },
  { name: "dashboard-upstreams" },
);
