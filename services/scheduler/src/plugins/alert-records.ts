import { observedFetch, pooledFetch } from "@jeeves/client-kit";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { createDataserviceAlerts, type DataserviceAlertsOptions } from "../adapters/dataservice-alerts.ts";
import type { AlertRecords } from "../domain/alert-records.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** Who gets alerts, and the claims (the dataservice, or what the app was given). */
    alertRecords: AlertRecords;
  }
}

/** Options of the alert records plugin: records to use, or the dataservice to reach. */
export interface AlertRecordsPluginOptions {
  records?: AlertRecords;
  dataservice?: DataserviceAlertsOptions;
}

/** Decorates `app.alertRecords`: the given records, or the dataservice through its generated client. */
export const alertRecordsPlugin = fp(
  async (app: FastifyInstance, options: AlertRecordsPluginOptions) => {
    const records =
      options.records ??
      (options.dataservice &&
        createDataserviceAlerts({
          ...options.dataservice,
          fetch: observedFetch(options.dataservice.fetch ?? pooledFetch, app.metrics.outbound("dataservice")),
        }));
    if (!records) throw new Error("scheduler: buildApp needs `records` or `dataservice`");
    app.decorate("alertRecords", records);
  },
  { name: "scheduler-alert-records" },
);
