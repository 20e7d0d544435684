import type { Bus } from "@jeeves/bus";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

declare module "fastify" {
  interface FastifyInstance {
    /** The bus (in-process or RabbitMQ). Owned by whoever built the app: the app never closes it. */
    bus: Bus;
  }
}

/** Decorates `app.bus` with the bus passed in; closing the app leaves it open (it may be shared). */
export const busPlugin = fp(
  async (app: FastifyInstance, options: { bus: Bus }) => {
    app.decorate("bus", options.bus);
  },
  { name: "slackbot-bus" },
);
