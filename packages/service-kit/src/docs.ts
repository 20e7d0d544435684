import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** Serves the service's own spec at `/docs/json` and Swagger UI at `/docs`. */
export const docs = fp(
  async (app: FastifyInstance, options: { spec: Record<string, unknown> }) => {
    await app.register(swagger, { mode: "static", specification: { document: options.spec as never } });
    await app.register(swaggerUi, { routePrefix: "/docs" });
  },
  { name: "jeeves-docs" },
);
