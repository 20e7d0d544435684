import { defaultPasswordHasher, type PasswordHasher } from "@jeeves/service-kit";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

declare module "fastify" {
  interface FastifyInstance {
    /** Checks passwords, a few at a time (the kit's bounded scrypt hasher). */
    passwords: PasswordHasher;
  }
}

/** Decorates `app.passwords`: the given hasher, or the kit's shared one. */
export const passwordsPlugin = fp(
  async (app: FastifyInstance, options: { passwords?: PasswordHasher }) => {
    app.decorate("passwords", options.passwords ?? defaultPasswordHasher);
  },
  { name: "dataservice-passwords" },
);
