import { observedFetch, pooledFetch } from "@jeeves/client-kit";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { createDataserviceRecords, type DataserviceRecordsOptions } from "../adapters/dataservice-records.ts";
import { rememberChatUsers } from "../domain/remembered-chat-users.ts";
import type { UserRecords } from "../domain/user-records.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** The users' settings and locations (the dataservice, or what the app was given). */
    records: UserRecords;
  }
}

/** Options of the records plugin: records to use, or the dataservice to reach. */
export interface RecordsPluginOptions {
  records?: UserRecords;
  dataservice?: DataserviceRecordsOptions;
}

/**
 * Decorates `app.records`: the given records, or the dataservice through its generated client, which
 * remembers the user of each chat identity (see rememberChatUsers).
 */
export const recordsPlugin = fp(
  async (app: FastifyInstance, options: RecordsPluginOptions) => {
    const records =
      options.records ??
      (options.dataservice &&
        rememberChatUsers(
          createDataserviceRecords({
            ...options.dataservice,
            fetch: observedFetch(options.dataservice.fetch ?? pooledFetch, app.metrics.outbound("dataservice")),
          }),
        ));
    if (!records) throw new Error("actions: buildApp needs `records` or `dataservice`");
    app.decorate("records", records);
  },
  { name: "actions-records" },
);
