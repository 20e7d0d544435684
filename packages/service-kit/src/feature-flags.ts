/**
 * Feature flags: OpenFeature (`@openfeature/server-sdk`) with a provider that reads one JSON flags file
 * (`FLAGS_FILE`) and reloads it without a restart (fs.watch on its folder plus a bounded poll). A missing
 * file means the defaults; a bad file keeps the last good flags and logs why. See docs/feature-flags.md.
 */
import { type FSWatcher, readFileSync, statSync, watch as watchFolder } from "node:fs";
import { basename, dirname } from "node:path";
import {
  type EvaluationContext,
  type JsonValue,
  NOOP_PROVIDER,
  OpenFeature,
  OpenFeatureEventEmitter,
  type Provider,
  ProviderEvents,
  type ResolutionDetails,
  StandardResolutionReasons,
} from "@openfeature/server-sdk";
import { FlagAnswerMemory, flagAnswerKey } from "./flag-answer-memory.ts";

/** One flag: its value, and rules that give another value to some workspaces or users (first match wins). */
export interface FlagDefinition {
  /** The value when no rule matches. */
  value: boolean | string | number;
  rules?: FlagRule[];
  /** What the flag is for (shown nowhere; for the people who edit the file). */
  description?: string;
}

/** A targeting rule: matches when the workspace is listed (or no workspaces are) and the user is too. */
export interface FlagRule {
  /** Slack team ids, or `local` for the local chat. */
  workspaces?: string[];
  /** Slack user ids (or the local chat's user). */
  users?: string[];
  value: boolean | string | number;
}

/** The flags file: `{ "flags": { "<name>": FlagDefinition } }`. */
export interface FlagsDocument {
  flags: Record<string, FlagDefinition>;
}

/** Jeeves's flags and their defaults (a missing file, or a flag missing from it, means these). */
export const DEFAULT_FLAGS: FlagsDocument = {
  flags: {
    "alerts-enabled": { value: true, description: "The scheduler sends the daily weather alerts." },
    "weather-provider": {
      value: "openweathermap",
      description: "`openweathermap` (OPENWEATHER_URL, with the key if set) or `demo` (built-in demo data).",
    },
    "time-command": {
      value: false,
      rules: [{ workspaces: ["local"], value: true }],
      description: "The `time` command, rolled out to the workspaces listed in its rules.",
    },
  },
};

/** The flag names Jeeves evaluates. */
export const FLAG = {
  ALERTS_ENABLED: "alerts-enabled",
  WEATHER_PROVIDER: "weather-provider",
  TIME_COMMAND: "time-command",
} as const;

/** Who a flag is evaluated for: the Slack workspace (team id, or `local`) and the user. */
export interface FlagContext {
  workspace?: string;
  user?: string;
}

/** The flags as a service reads them. */
export interface FeatureFlags {
  /** The flag's boolean value for the context; `fallback` when the flag is absent or not a boolean. */
  boolean(flag: string, fallback: boolean, context?: FlagContext): Promise<boolean>;
  /** The flag's string value for the context; `fallback` when the flag is absent or not a string. */
  string(flag: string, fallback: string, context?: FlagContext): Promise<string>;
  /** Calls `listener` after each reload of the file (a good one, or one kept out as bad); returns a remover. */
  onReload(listener: (outcome: ReloadOutcome) => void): () => void;
  /** Stops watching the file. */
  close(): Promise<void>;
}

/** What a reload did: loaded the file (or the defaults, when it is missing), or kept the last good flags. */
export type ReloadOutcome = { ok: true; missing: boolean } | { ok: false; error: string };

/** Pino-style logger subset. */
export interface FlagsLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/** Options of {@link FileFlagProvider}. */
export interface FileFlagProviderOptions {
  /** The flags file (JSON); missing means the defaults. */
  file: string;
  logger?: FlagsLogger;
  /** The poll that backs up fs.watch, ms (default 2000; at least 50). */
  pollMs?: number;
}

/** Checks a parsed flags file; returns its flags or throws saying what is wrong. */
export function parseFlagsDocument(value: unknown): FlagsDocument {
  if (!isRecord(value) || !isRecord(value.flags)) throw new Error('the file must be {"flags": {…}}');
  for (const [name, flag] of Object.entries(value.flags)) {
    if (!isRecord(flag) || !isScalar(flag.value))
      throw new Error(`flag ${name}: "value" must be a boolean, string or number`);
    if (flag.rules === undefined) continue;
    if (!Array.isArray(flag.rules)) throw new Error(`flag ${name}: "rules" must be a list`);
    for (const [index, rule] of flag.rules.entries()) {
      if (!isRecord(rule) || !isScalar(rule.value)) throw new Error(`flag ${name}, rule ${index}: "value" is missing`);
      for (const key of ["workspaces", "users"] as const) {
        const list = rule[key];
        if (list !== undefined && !(Array.isArray(list) && list.every((item) => typeof item === "string"))) {
          throw new Error(`flag ${name}, rule ${index}: "${key}" must be a list of strings`);
        }
      }
    }
  }
  return value as unknown as FlagsDocument;
}

/** The value of `flag` for the context: the first matching rule's, else the flag's own. */
export function resolveFlag(
  document: FlagsDocument,
  flag: string,
  context: FlagContext,
): { value: FlagDefinition["value"]; reason: string } | undefined {
  const definition = Object.hasOwn(document.flags, flag) ? document.flags[flag] : DEFAULT_FLAGS.flags[flag];
  if (!definition) return undefined;
  for (const rule of definition.rules ?? []) {
    const workspaceOk =
      !rule.workspaces || (context.workspace !== undefined && rule.workspaces.includes(context.workspace));
    const userOk = !rule.users || (context.user !== undefined && rule.users.includes(context.user));
    if (workspaceOk && userOk) return { value: rule.value, reason: StandardResolutionReasons.TARGETING_MATCH };
  }
  return { value: definition.value, reason: StandardResolutionReasons.STATIC };
}

/**
 * An OpenFeature provider over a JSON flags file: reads it at start, again on every fs.watch event of its
 * folder and every `pollMs` when its modification time or size changed (fs.watch misses renames on some
 * file systems). Emits ConfigurationChanged after a reload; a file that does not parse or validate is
 * logged and the last good flags stay.
 */
export class FileFlagProvider implements Provider {
  readonly metadata = { name: "jeeves-flags-file" } as const;
  readonly runsOn = "server" as const;
  readonly events = new OpenFeatureEventEmitter();
  readonly #file: string;
  readonly #logger?: FlagsLogger;
  readonly #pollMs: number;
  readonly #listeners = new Set<(outcome: ReloadOutcome) => void>();
  #document: FlagsDocument = DEFAULT_FLAGS;
  #watcher?: FSWatcher;
  #timer?: NodeJS.Timeout;
  #seen = "";

  constructor(options: FileFlagProviderOptions) {
    this.#file = options.file;
    this.#logger = options.logger;
    this.#pollMs = Math.max(50, options.pollMs ?? 2000);
    this.#reload(true);
  }

  /** The flags in force. */
  get document(): FlagsDocument {
    return this.#document;
  }

  async initialize(): Promise<void> {
    try {
      this.#watcher = watchFolder(dirname(this.#file), (_event, name) => {
        if (name === null || name === basename(this.#file)) this.#reloadIfChanged();
      });
      this.#watcher.on("error", () => this.#watcher?.close());
      this.#watcher.unref();
    } catch {
      // No folder yet, or no fs.watch here: the poll alone finds changes.
    }
    this.#timer = setInterval(() => this.#reloadIfChanged(), this.#pollMs);
    this.#timer.unref();
  }

  async onClose(): Promise<void> {
    this.#watcher?.close();
    clearInterval(this.#timer);
  }

  /** Calls `listener` after each reload attempt. */
  onReload(listener: (outcome: ReloadOutcome) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  resolveBooleanEvaluation(flag: string, fallback: boolean, context: EvaluationContext) {
    return Promise.resolve(this.#resolve(flag, fallback, context, "boolean"));
  }

  resolveStringEvaluation(flag: string, fallback: string, context: EvaluationContext) {
    return Promise.resolve(this.#resolve(flag, fallback, context, "string"));
  }

  resolveNumberEvaluation(flag: string, fallback: number, context: EvaluationContext) {
    return Promise.resolve(this.#resolve(flag, fallback, context, "number"));
  }

  resolveObjectEvaluation<T extends JsonValue>(_flag: string, fallback: T): Promise<ResolutionDetails<T>> {
    return Promise.resolve({ value: fallback, reason: StandardResolutionReasons.DEFAULT });
  }

  #resolve<T>(flag: string, fallback: T, context: EvaluationContext, type: string): ResolutionDetails<T> {
    const found = resolveFlag(this.#document, flag, {
      workspace: typeof context.workspace === "string" ? context.workspace : undefined,
      user: typeof context.user === "string" ? context.user : context.targetingKey,
    });
    if (!found || typeof found.value !== type) return { value: fallback, reason: StandardResolutionReasons.DEFAULT };
    return { value: found.value as T, reason: found.reason };
  }

  #stamp(): string {
    try {
      const stat = statSync(this.#file);
      return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    } catch {
      return "missing";
    }
  }

  #reloadIfChanged(): void {
    if (this.#stamp() !== this.#seen) this.#reload(false);
  }

  #reload(first: boolean): void {
    this.#seen = this.#stamp();
    let outcome: ReloadOutcome;
    try {
      let text: string | undefined;
      try {
        text = readFileSync(this.#file, "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
      this.#document = text === undefined ? DEFAULT_FLAGS : parseFlagsDocument(JSON.parse(text));
      outcome = { ok: true, missing: text === undefined };
      if (!first) this.#logger?.info({ file: this.#file, missing: outcome.missing }, "feature flags reloaded");
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      outcome = { ok: false, error: reason };
      this.#logger?.warn(
        { file: this.#file, error: reason },
        "feature flags file is not valid; keeping the last good flags",
      );
    }
    if (first) return;
    if (outcome.ok) this.events.emit(ProviderEvents.ConfigurationChanged, { message: "flags file reloaded" });
    for (const listener of this.#listeners) listener(outcome);
  }
}

let domains = 0;

/**
 * Starts the flags of one process (or one test) from `file`: an OpenFeature client of its own domain,
 * backed by a {@link FileFlagProvider}. Each service evaluates with `{ workspace, user }`. Each answer
 * is remembered per flag, fallback and context until the file is reloaded ({@link FlagAnswerMemory}),
 * except while an OpenFeature hook is registered: then every question is evaluated, so the hook sees it.
 */
export async function openFeatureFlags(options: FileFlagProviderOptions): Promise<FeatureFlags> {
  const provider = new FileFlagProvider(options);
  const domain = `jeeves-flags-${++domains}`;
  await OpenFeature.setProviderAndWait(domain, provider);
  const client = OpenFeature.getClient(domain);
  const context = (flagContext: FlagContext = {}): EvaluationContext => ({
    ...(flagContext.user !== undefined && { targetingKey: flagContext.user, user: flagContext.user }),
    ...(flagContext.workspace !== undefined && { workspace: flagContext.workspace }),
  });
  // Answers are remembered until the file is reloaded, and only while no OpenFeature hook is registered
  // (a hook must see every evaluation) and the flags are open.
  const memory = new FlagAnswerMemory();
  provider.onReload(() => memory.forget());
  let closed = false;
  const remembered = <T extends boolean | string>(
    kind: "boolean" | "string",
    flag: string,
    fallback: T,
    flagContext: FlagContext | undefined,
    evaluate: () => Promise<T>,
  ): Promise<T> =>
    closed || OpenFeature.getHooks().length > 0 || client.getHooks().length > 0
      ? evaluate()
      : memory.answer(flagAnswerKey(kind, flag, fallback, flagContext), evaluate);
  return {
    boolean: (flag, fallback, flagContext) =>
      remembered("boolean", flag, fallback, flagContext, () =>
        client.getBooleanValue(flag, fallback, context(flagContext)),
      ),
    string: (flag, fallback, flagContext) =>
      remembered("string", flag, fallback, flagContext, () =>
        client.getStringValue(flag, fallback, context(flagContext)),
      ),
    onReload: (listener) => provider.onReload(listener),
    close: async () => {
      closed = true;
      memory.forget();
      // Setting the no-op provider shuts ours down (OpenFeature calls its onClose).
      OpenFeature.setProvider(domain, NOOP_PROVIDER);
      await provider.onClose();
    },
  };
}

/** Flags that always answer with the defaults (DEFAULT_FLAGS): what an app uses when given none. */
export function defaultFeatureFlags(): FeatureFlags {
  return {
    boolean: async (flag, fallback, context = {}) => {
      const found = resolveFlag(DEFAULT_FLAGS, flag, context);
      return typeof found?.value === "boolean" ? found.value : fallback;
    },
    string: async (flag, fallback, context = {}) => {
      const found = resolveFlag(DEFAULT_FLAGS, flag, context);
      return typeof found?.value === "string" ? found.value : fallback;
    },
    onReload: () => () => {},
    close: async () => {},
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is boolean | string | number {
  return typeof value === "boolean" || typeof value === "string" || typeof value === "number";
}

/** `FLAGS_FILE`: the flags file of a service run alone (unset: the defaults, no file read). */
export const FLAGS_VARIABLES = {
  FLAGS_FILE: { default: undefined as string | undefined, parse: (value: string) => value.trim() },
};
