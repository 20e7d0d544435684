/**
 * The V8 options every service process starts with, ahead of the person's own `NODE_OPTIONS`: a young
 * generation of at most two 4 MB semi-spaces, where V8's default lets it grow to two of 16 MB. Once a
 * service has started (its start-up allocates enough for V8 to grow the young generation to its limit),
 * that space stays resident: ~25 MB more of each process's memory, for objects that live a request long.
 * Measured with the services as separate processes (bench `startup-memory`, `get-user-json`, the Slack
 * figures): ~150 MB less resident memory in all, the same request rate and latencies. The one-process
 * suite keeps V8's default (one heap for six services, where a larger young generation promotes less).
 */
export const SERVICE_NODE_OPTIONS = "--max-semi-space-size=4";

/**
 * The glibc malloc settings of every service process, ahead of the person's own `GLIBC_TUNABLES`: blocks
 * of 1 MiB and more are always mapped on their own and returned to the system when freed. glibc would
 * otherwise raise that threshold to the size of the first large block freed, and keep every later one
 * in the arena of the thread that freed it: scrypt's 16 MiB (a password or client secret checked on
 * libuv's threads) stayed resident once per thread, up to 64 MiB a process (TokenDealer: ~33 MB).
 * Ignored where the C library is not glibc.
 */
export const SERVICE_GLIBC_TUNABLES = "glibc.malloc.mmap_threshold=1048576";

/**
 * The variables a service process starts with, from the person's environment: `NODE_OPTIONS` and
 * `GLIBC_TUNABLES`, each the services' own settings first and the person's after them (theirs win: of two
 * values of one option, node and glibc apply the last).
 */
export function serviceProcessEnv(env: Record<string, string | undefined>): {
  NODE_OPTIONS: string;
  GLIBC_TUNABLES: string;
} {
  const nodeOptions = env.NODE_OPTIONS?.trim();
  const tunables = env.GLIBC_TUNABLES?.trim();
  return {
    NODE_OPTIONS: nodeOptions ? `${SERVICE_NODE_OPTIONS} ${nodeOptions}` : SERVICE_NODE_OPTIONS,
    GLIBC_TUNABLES: tunables ? `${SERVICE_GLIBC_TUNABLES}:${tunables}` : SERVICE_GLIBC_TUNABLES,
  };
}
