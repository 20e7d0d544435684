import type { FigureSpec } from "../figure.ts";
import { createSlackFigures } from "../slack/slack-figures.ts";
import { startTopology } from "../topology.ts";
import { closeSharedTopologies } from "../topology-pool.ts";

/**
 * The Slack-side figures (`slack-ack`, `event-to-reply`, `chat-round-trip`) on the harness's topology.
 * The HTTP figures' shared suite is stopped first: in separate mode both would consume the same
 * RabbitMQ queues, and half the messages would go to the suite that is not measured.
 */
export const SLACK_FIGURES: FigureSpec[] = createSlackFigures(async (options) => {
  await closeSharedTopologies();
  return startTopology(options);
});
