import type { FastifyInstance } from "fastify";
import { appShutdownStep, closeOnSignals, type ShutdownStep } from "./shutdown.ts";
import { errorCode, StartupError } from "./startup-error.ts";

/** Where a service listens. */
export interface ListenOptions {
  port: number;
  host: string;
  /** How long the app (requests in flight, bus handlers, connections) may take to close on SIGTERM/SIGINT. Default 10 s. */
  graceMs?: number;
  /** The service's name in the "still open" line. Default `service`. */
  name?: string;
  /** Closed after the app, in order (the outbound keep-alive connections: client-kit's `closePooledConnections`). */
  alsoClose?: ShutdownStep[];
  /** The variable that set the port, named when it cannot be used. Default `PORT`. */
  portVariable?: string;
  /** The variable that set the host, named when it cannot be used. Default `HOST`. */
  hostVariable?: string;
}

/**
 * A listen failure as a person fixes it: a {@link StartupError} naming the port's variable for a port in
 * use or not allowed (`PORT=3001: 127.0.0.1:3001 is already in use (set PORT to a free port)`), the
 * host's for an address this machine does not have or cannot resolve; any other error as it is.
 */
export function listenFailure(
  error: unknown,
  where: { port: number; host: string; portVariable?: string; hostVariable?: string },
): unknown {
  const portVariable = where.portVariable ?? "PORT";
  const hostVariable = where.hostVariable ?? "HOST";
  const address = `${where.host.includes(":") ? `[${where.host}]` : where.host}:${where.port}`;
  const port = `${portVariable}=${where.port}`;
  const host = `${hostVariable}=${where.host}`;
  switch (errorCode(error)) {
    case "EADDRINUSE":
      return new StartupError(
        portVariable,
        `${port}: ${address} is already in use (set ${portVariable} to a free port)`,
        { cause: error },
      );
    case "EACCES":
      return new StartupError(
        portVariable,
        `${port}: not allowed to listen on ${address} (EACCES; set ${portVariable} to a port above 1023)`,
        { cause: error },
      );
    case "EADDRNOTAVAIL":
      return new StartupError(hostVariable, `${host}: not an address of this machine (EADDRNOTAVAIL)`, {
        cause: error,
      });
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new StartupError(hostVariable, `${host}: cannot resolve this name (${errorCode(error)})`, {
        cause: error,
      });
    default:
      return error;
  }
}

/**
 * Listens, and on SIGINT/SIGTERM stops: one log line when the signal arrives; the app stops accepting
 * connections, lets the requests in flight finish (new requests on open connections get 503), closes its
 * resources (bus consumers drain, database, Redis), then `alsoClose`; one line when stopped, exit 0.
 * A second signal or `graceMs` passing exits with 1 and a line saying what is still open (see
 * closeOnSignals). When it cannot listen it closes the app and throws {@link listenFailure}'s
 * StartupError (a port in use names `portVariable`).
 */
export async function startServer(app: FastifyInstance, options: ListenOptions): Promise<string> {
  const signals = closeOnSignals({
    log: app.log,
    steps: [appShutdownStep(options.name ?? "service", app), ...(options.alsoClose ?? [])],
    graceMs: options.graceMs,
  });
  try {
    return await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    signals.uninstall();
    await app.close().catch(() => {});
    throw listenFailure(error, options);
  }
}
