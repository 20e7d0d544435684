import type { FigureSpec } from "../figure.ts";
import { createSlackFigures } from "../slack/slack-figures.ts";
import { startTopology } from "../topology.ts";

/** The Slack-side figures (`slack-ack`, `event-to-reply`, `chat-round-trip`) on the harness's topology. */
export const SLACK_FIGURES: FigureSpec[] = createSlackFigures(startTopology);
