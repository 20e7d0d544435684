import { publishChatMessage } from "@jeeves/bus";
import type { ReceiveSlackEventHandler } from "@jeeves/generated/handlers/slackbot";
import type { HandlerContext } from "@jeeves/service-kit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { toChatMessage } from "../domain/chat-message.ts";
import { classifyEvent, type SlackEnvelope, type SlackMessage } from "../domain/classify-event.ts";
import { ERR } from "../errors.ts";

const OK = { status: 200, body: { ok: true } } as const;

/** Jeeves's own user id in the workspace: the envelope's `authorizations[]` entry with `is_bot`. */
export function botUserIdOf(envelope: Pick<SlackEnvelope, "authorizations">): string | undefined {
  return envelope.authorizations?.find((entry) => entry.is_bot === true && entry.user_id !== undefined)?.user_id;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`the bus did not confirm within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

async function publish(message: SlackMessage, app: FastifyInstance, request: FastifyRequest) {
  const { deduper, now, publishTimeoutMs } = app.slackEvents;
  const fields = { event_id: message.eventId, team: message.teamId, retry: request.headers["x-slack-retry-num"] };
  const claim = await deduper.claim(message.eventId);
  if (claim.status === "done") {
    request.log.info(fields, "Slack event already handled: acknowledged, not published again");
    return;
  }
  if (claim.status === "busy") {
    // Another request (maybe on another replica) is publishing it: if it fails or dies, Slack's next retry does it.
    request.log.info(fields, "Slack event being published by another request: Slack retries it later");
    throw ERR.EVENT_IN_PROGRESS({ detail: "this event is being handled; Slack retries it later" });
  }
  try {
    await withTimeout(
      publishChatMessage(app.bus, toChatMessage(message, new Date(now()).toISOString())),
      publishTimeoutMs,
    );
  } catch (error) {
    // Not handled after all: Slack's retry of this event must be published.
    await claim.release();
    throw ERR.BUS_DOWN({ detail: "the message could not be put on the bus", cause: error });
  }
  await claim.complete();
  request.log.info(fields, "Slack message published on chat.message.slack");
}

/**
 * Slack's Events API callback (the signature was checked on the raw body by the preParsing hook).
 * Acknowledges at once: a message is published, never acted on, before the 200.
 */
export const receiveSlackEvent: ReceiveSlackEventHandler<HandlerContext> = async ({ body }, { app, request }) => {
  const event = classifyEvent(body, { botUserId: botUserIdOf(body) });
  switch (event.kind) {
    case "url_verification":
      return { status: 200, body: { challenge: event.challenge } };
    case "invalid":
      throw ERR.INVALID_EVENT({ detail: event.reason, headers: { "x-slack-no-retry": "1" } });
    case "ignored":
      request.log.debug({ reason: event.reason }, "Slack event ignored");
      return OK;
    case "uninstalled":
      await forgetWorkspace(event.teamId, app, request);
      return OK;
    case "message":
      await publish(event, app, request);
      return OK;
  }
};

async function forgetWorkspace(teamId: string, app: FastifyInstance, request: FastifyRequest) {
  if (!app.workspaces) {
    request.log.warn({ team: teamId }, "Jeeves was uninstalled, but there is no workspace store to record it in");
    return;
  }
  try {
    const removed = await app.workspaces.remove(teamId);
    request.log.info({ team: teamId, removed }, "Jeeves was uninstalled from a workspace");
  } catch (error) {
    request.log.error({ team: teamId, err: error }, "could not delete the uninstalled workspace");
  }
}
