import closeWithGrace from "close-with-grace";
import type { FastifyInstance } from "fastify";

/** Where a service listens. */
export interface ListenOptions {
  port: number;
  host: string;
  /** How long open requests may take to finish on SIGTERM/SIGINT. Default 10 s. */
  graceMs?: number;
}

/**
 * Listens, and on SIGINT/SIGTERM (or an uncaught error) stops taking requests, lets the open ones
 * finish and closes the app's resources, within `graceMs`.
 */
export async function startServer(app: FastifyInstance, options: ListenOptions): Promise<string> {
  closeWithGrace({ delay: options.graceMs ?? 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, "closing after an error");
    else app.log.info({ signal }, "closing");
    await app.close();
  });
  return app.listen({ port: options.port, host: options.host });
}
