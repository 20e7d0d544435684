/** The newest modification time (ms) of the files at `path`, at any depth, the folders that hold no source excepted. */
export function newestSource(path: string): number;
/** Why the suite's bundle must be made again (`missing`, `stale`), or undefined when it is up to date. */
export function bundleState(root?: string, bundle?: string): "missing" | "stale" | undefined;
