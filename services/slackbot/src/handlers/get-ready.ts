import type { GetReadyHandler } from "@jeeves/generated/handlers/slackbot";
import type { HandlerContext } from "@jeeves/service-kit";
import { ERR } from "../errors.ts";

/** Readiness: both bus subscriptions (the reply poster and the local chat) are running. */
export const getReady: GetReadyHandler<HandlerContext> = (_request, { app }) => {
  const checks = [
    { name: "reply-poster", running: app.replyPoster.running },
    { name: "local-chat", running: app.localChat.running },
  ];
  const stopped = checks.filter((check) => !check.running).map((check) => check.name);
  if (stopped.length > 0) {
    throw ERR.NOT_READY({ detail: `not subscribed: ${stopped.join(", ")}`, headers: { "retry-after": "5" } });
  }
  return {
    status: 200,
    body: {
      status: "ok",
      service: "slackbot",
      checks: checks.map(({ name }) => ({ name, status: "ok" as const })),
    },
  };
};
