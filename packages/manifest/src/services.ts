import actions from "../../../services/actions/service.json" with { type: "json" };
import dashboard from "../../../services/dashboard/service.json" with { type: "json" };
import dataservice from "../../../services/dataservice/service.json" with { type: "json" };
import scheduler from "../../../services/scheduler/service.json" with { type: "json" };
import slackbot from "../../../services/slackbot/service.json" with { type: "json" };
import tokendealer from "../../../services/tokendealer/service.json" with { type: "json" };
import weather from "../../../services/weather/service.json" with { type: "json" };
import type { ServiceManifest } from "./types.ts";

/**
 * THE list of Jeeves services, in start order (each depends only on services before it). A new service
 * adds its `service.json` here, and nowhere else. JSON's strings are not narrowed to the manifest's
 * unions by the compiler: the manifest test validates each file against service.schema.json.
 */
export const SERVICE_MANIFESTS: readonly ServiceManifest[] = [
  tokendealer,
  dataservice,
  weather,
  slackbot,
  actions,
  scheduler,
  dashboard,
] as ServiceManifest[];
