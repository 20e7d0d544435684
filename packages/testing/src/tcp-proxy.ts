import { type AddressInfo, createServer, type Server, type Socket, connect as tcpConnect } from "node:net";

/** A TCP proxy on 127.0.0.1 that a test can cut (say, between a service and PostgreSQL). */
export interface TcpProxy {
  /** The port it listens on (127.0.0.1). */
  port: number;
  /**
   * Cuts the link: every open connection is reset (both sides, so pooled connections die too) and every
   * new one is reset as soon as it is accepted, until {@link TcpProxy.restore}.
   */
  cut(): void;
  /** Forwards new connections again (and what {@link TcpProxy.stall} held back). */
  restore(): void;
  /**
   * Holds back the target's answers (connections stay open): a request sent now is in flight until
   * {@link TcpProxy.cut} or {@link TcpProxy.restore}.
   */
  stall(): void;
  /** Whether the link is cut. */
  isCut(): boolean;
  /**
   * Connections accepted in all, those refused while cut, sockets (either side) reset by a cut, and
   * bytes forwarded to the target.
   */
  stats(): { accepted: number; refused: number; reset: number; bytesToTarget: number };
  /** Resets every connection and stops listening. */
  close(): Promise<void>;
}

/** Destroys a socket with a TCP RST where the platform allows it (a peer sees ECONNRESET, not a clean end). */
function reset(socket: Socket): void {
  if (socket.destroyed) return;
  if (typeof socket.resetAndDestroy === "function" && socket.readyState !== "opening") socket.resetAndDestroy();
  else socket.destroy();
}

/**
 * Starts a proxy on a free port of 127.0.0.1 forwarding every connection to `target` (host and port).
 * Loopback only; nothing is read or changed on the way.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let cut = false;
  let stalled = false;
  const held = new Map<Socket, Buffer[]>();
  const counts = { accepted: 0, refused: 0, reset: 0, bytesToTarget: 0 };
  const server: Server = createServer((client) => {
    counts.accepted += 1;
    client.on("error", () => {});
    if (cut) {
      counts.refused += 1;
      reset(client);
      return;
    }
    const upstream = tcpConnect(target.port, target.host);
    upstream.on("error", () => {});
    open.add(client);
    open.add(upstream);
    const end = () => {
      open.delete(client);
      open.delete(upstream);
      reset(client);
      reset(upstream);
    };
    client.on("close", end);
    upstream.on("close", end);
    client.on("data", (chunk: Buffer) => {
      counts.bytesToTarget += chunk.length;
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (!stalled) client.write(chunk);
      else held.set(client, [...(held.get(client) ?? []), chunk]);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const resetAll = () => {
    for (const socket of open) {
      counts.reset += 1;
      reset(socket);
    }
    open.clear();
    held.clear();
  };
  return {
    port: (server.address() as AddressInfo).port,
    cut() {
      cut = true;
      resetAll();
    },
    restore() {
      cut = false;
      stalled = false;
      for (const [client, chunks] of held) for (const chunk of chunks) if (!client.destroyed) client.write(chunk);
      held.clear();
    },
    stall() {
      stalled = true;
    },
    isCut: () => cut,
    stats: () => ({ ...counts }),
    close: () =>
      new Promise<void>((resolve) => {
        resetAll();
        server.close(() => resolve());
      }),
  };
}
