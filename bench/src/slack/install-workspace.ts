import type { Topology } from "../topology-types.ts";
import { BENCH_BOT_TOKEN, BENCH_BOT_USER, BENCH_TEAM } from "./signed-event.ts";

/**
 * Installs the benchmark's workspace ({@link BENCH_TEAM}, its bot user and a fake bot token) through the
 * dataservice's `PUT /workspaces/{teamId}` with the admin client's `workspaces:write` token, as the
 * Slack install does and the suite's end-to-end tests do; the slackbot then has a bot token to post
 * replies with. 201 (created) or 200 (already there) are fine; anything else throws.
 */
export async function installBenchWorkspace(topology: Pick<Topology, "urls" | "token">): Promise<void> {
  const token = await topology.token("dataservice", ["workspaces:write"]);
  const response = await fetch(`${topology.urls.dataservice}/workspaces/${BENCH_TEAM}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({
      team_name: "Bench Club",
      bot_user_id: BENCH_BOT_USER,
      bot_token: BENCH_BOT_TOKEN,
      scopes: ["app_mentions:read", "chat:write"],
    }),
    signal: AbortSignal.timeout(10_000),
  });
  await response.arrayBuffer();
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(`installing the bench workspace answered ${response.status}`);
  }
}
