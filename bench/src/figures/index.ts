import type { FigureSpec } from "../figure.ts";
import { HTTP_FIGURES } from "./http.ts";
import { postgresMillion } from "./postgres-million.ts";
import { rabbitmqThroughput } from "./rabbitmq-throughput.ts";
import { SLACK_FIGURES } from "./slack.ts";
import { startupMemory } from "./startup-memory.ts";

/**
 * Every figure `npm run bench` knows, in the order it runs them: the HTTP figures share one topology
 * per mode; start-up and memory start their own (and stop the shared one first).
 */
export const FIGURES: FigureSpec[] = [
  ...HTTP_FIGURES,
  ...SLACK_FIGURES,
  postgresMillion,
  rabbitmqThroughput,
  startupMemory,
];
