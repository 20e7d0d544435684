import type { TokenProvider } from "@jeeves/client-kit";
import { createDataserviceClient } from "@jeeves/client-kit/clients/dataservice";
import type { Encoding } from "@jeeves/codecs";
import {
  type AlertRecords,
  AlertRecordsUnavailable,
  type AlertSubscription,
  type ClaimOutcome,
} from "../domain/alert-records.ts";

/** Where the dataservice is and how to reach it. */
export interface DataserviceAlertsOptions {
  /** Its root URL (`DATASERVICE_URL`). */
  baseUrl: string;
  /** Tokens for the audience `dataservice` with `users:read users:write` (see `createTokenProvider`). */
  auth: TokenProvider;
  /** The fetch to send requests with (tests: a failing one, a counting one). */
  fetch?: (input: Request) => Promise<Response>;
  /** The wire encoding of bodies. Default json. */
  encoding?: Encoding;
  /** Subscriptions per page (1–200). Default 200. */
  pageSize?: number;
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Sends one request; no answer (network, TokenDealer) becomes AlertRecordsUnavailable. */
async function send<T>(what: string, request: () => Promise<Answer<T>>): Promise<Answer<T>> {
  try {
    return await request();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AlertRecordsUnavailable(`dataservice ${what}: ${reason}`, { cause: error });
  }
}

/** An answer the caller did not expect, as AlertRecordsUnavailable naming the status and problem code. */
function unexpected(what: string, answer: Answer<unknown>): AlertRecordsUnavailable {
  const code = (answer.error as { code?: string } | undefined)?.code;
  return new AlertRecordsUnavailable(
    `dataservice ${what}: answered ${answer.response.status}${code ? ` ${code}` : ""}`,
  );
}

/**
 * AlertRecords on the dataservice through its generated client: `listAlertSubscriptions` page by page
 * (one request per page), and `claimAlertSend` (201 claimed, 409 already claimed, 404 no such user).
 */
export function createDataserviceAlerts(options: DataserviceAlertsOptions): AlertRecords {
  const client = createDataserviceClient({
    baseUrl: options.baseUrl,
    auth: options.auth,
    encoding: options.encoding,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const limit = options.pageSize ?? 200;
  return {
    async *subscriptions(): AsyncIterable<AlertSubscription> {
      let cursor: string | undefined;
      do {
        const query = cursor === undefined ? { limit } : { limit, cursor };
        const answer = await send("listAlertSubscriptions", () =>
          client.GET("/alert-subscriptions", { params: { query } }),
        );
        if (!answer.data) throw unexpected("listAlertSubscriptions", answer);
        yield* answer.data.items;
        cursor = answer.data.next_cursor;
      } while (cursor !== undefined);
    },
    async claim(userId, localDate): Promise<ClaimOutcome> {
      const answer = await send("claimAlertSend", () =>
        client.POST("/alert-sends", { body: { user_id: userId, local_date: localDate } }),
      );
      const status = answer.response.status;
      if (status === 201) return "claimed";
      const code = (answer.error as { code?: string } | undefined)?.code;
      if (status === 409 && code === "DATASERVICE_ERR_ALERT_ALREADY_CLAIMED") return "already-claimed";
      if (status === 404 && code === "DATASERVICE_ERR_USER_NOT_FOUND") return "no-user";
      throw unexpected("claimAlertSend", answer);
    },
  };
}
