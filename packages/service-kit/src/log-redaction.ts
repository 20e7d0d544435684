import type { FastifyRequest, FastifyServerOptions } from "fastify";
import pino, { type Logger, type LoggerOptions } from "pino";
import { readLogLevel } from "./config.ts";
import { logDestination } from "./log-format.ts";
import { withTraceFields } from "./log-trace.ts";

/** What stands in a log line for a redacted value. */
export const REDACTED = "[redacted]";

/**
 * Query parameters whose values are logged as they are: names that never carry a secret in Jeeves or
 * the APIs it calls. Every other value is replaced by `[redacted]` (deny by default: `client_secret`,
 * `access_token`, `code`, `state`, `appid`, `token`, `key`… and any name nobody thought of).
 */
export const LOGGED_QUERY_PARAMETERS: ReadonlySet<string> = new Set([
  "q",
  "lat",
  "lon",
  "zip",
  "units",
  "lang",
  "mode",
  "limit",
  "cursor",
  "page",
  "size",
  "id",
  "team",
  "channel",
  "scope",
  "error",
  "grant_type",
  "audience",
  "client_id",
  "redirect_uri",
]);

/** Header and field names whose values pino replaces by `[redacted]`, wherever they are logged. */
export const SECRET_KEYS: readonly string[] = [
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-slack-signature",
  "x-api-key",
  "password",
  "client_secret",
  "clientSecret",
  "access_token",
  "refresh_token",
  "id_token",
  "bot_token",
  "botToken",
  "token",
  "secret",
  "signing_secret",
  "signingSecret",
  "api_key",
  "apiKey",
  "appid",
];

/** A name that is logged as it is; anything else (very long, odd characters) is redacted with its value. */
const PLAIN_NAME = /^[\w.[\]-]{1,64}$/;

function redactPairs(part: string): string {
  return part
    .split("&")
    .map((pair) => {
      if (pair === "") return pair;
      const equals = pair.indexOf("=");
      if (equals < 0) return REDACTED; // a bare value (`?s3cret`)
      const name = pair.slice(0, equals);
      if (!PLAIN_NAME.test(name)) return REDACTED;
      return LOGGED_QUERY_PARAMETERS.has(name.toLowerCase()) ? pair : `${name}=${REDACTED}`;
    })
    .join("&");
}

/** `scheme://user:password@host` with the password redacted (the user name is kept). */
function redactUserinfo(url: string): string {
  const scheme = url.indexOf("://");
  if (scheme < 0) return url;
  const authorityEnd = [url.indexOf("/", scheme + 3), url.indexOf("?", scheme + 3), url.indexOf("#", scheme + 3)]
    .filter((i) => i >= 0)
    .reduce((a, b) => Math.min(a, b), url.length);
  const at = url.lastIndexOf("@", authorityEnd - 1);
  if (at < scheme + 3) return url;
  const colon = url.indexOf(":", scheme + 3);
  if (colon < 0 || colon > at) return url;
  return `${url.slice(0, colon + 1)}${REDACTED}${url.slice(at)}`;
}

/**
 * A URL or a request target (`/oauth/token?client_secret=…`) as it may be logged: the value of every
 * query (and fragment) parameter not in {@link LOGGED_QUERY_PARAMETERS} replaced by `[redacted]`, and a
 * password in `user:password@` too. Linear in the URL's length.
 */
export function redactUrl(url: string): string {
  const hash = url.indexOf("#");
  const beforeHash = hash < 0 ? url : url.slice(0, hash);
  const fragment = hash < 0 ? undefined : url.slice(hash + 1);
  const question = beforeHash.indexOf("?");
  const path = question < 0 ? beforeHash : beforeHash.slice(0, question);
  let out = redactUserinfo(path);
  if (question >= 0) out += `?${redactPairs(beforeHash.slice(question + 1))}`;
  if (fragment !== undefined) out += `#${fragment.includes("=") ? redactPairs(fragment) : fragment}`;
  return out;
}

/** A run of characters that are not blanks, quotes or angle brackets: a candidate URL in free text. */
const WORD = /[^\s"'<>`]+/g;

/** Where a bearer secret starts in a word: a JWT (`eyJ…` with two dots) or a Slack token (`xoxb-…`); -1 if none. */
function bearerSecretAt(word: string): number {
  const jwt = word.indexOf("eyJ");
  if (jwt >= 0) {
    const dot = word.indexOf(".", jwt);
    if (dot >= 0 && word.indexOf(".", dot + 1) >= 0) return jwt;
  }
  const slack = word.indexOf("xox");
  if (slack >= 0 && word[slack + 4] === "-" && /^[a-z]$/.test(word[slack + 3] ?? "")) return slack;
  return -1;
}

function redactWord(word: string): string {
  const url = (word.includes("?") || word.includes("#")) && word.includes("=") ? redactUrl(word) : redactUserinfo(word);
  const at = bearerSecretAt(url);
  return at < 0 ? url : `${url.slice(0, at)}${REDACTED}`;
}

/**
 * Free text (a message, an error's stack) with URL-like words redacted as {@link redactUrl} does (words
 * with a query `?name=value` or a password `://user:password@`), and JWTs and Slack tokens replaced by
 * `[redacted]` wherever they stand. Linear in the text's length.
 */
export function redactText(text: string): string {
  if (!/[?@#]|eyJ|xox/.test(text)) return text;
  return text.replace(WORD, redactWord);
}

const SECRET_NAMES: ReadonlySet<string> = new Set(SECRET_KEYS.map((key) => key.toLowerCase()));

/** How deep {@link redactSecretFields} looks into a logged value. */
const MAX_DEPTH = 8;

function isWalkable(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * `value` with the value of every field named like a secret ({@link SECRET_KEYS}, any case) replaced by
 * `[redacted]`, at any depth of plain objects and arrays (headers included). Copy on write: the caller's
 * objects are never changed, and a value without secrets is returned as it is. One pass over the value,
 * no path matching: a request line costs a few property reads.
 */
export function redactSecretFields(value: unknown, depth = 0): unknown {
  if (!isWalkable(value) || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = redactSecretFields(value[i], depth + 1);
      if (item !== value[i]) {
        copy ??= [...value];
        copy[i] = item;
      }
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = value[key];
    const redacted = SECRET_NAMES.has(key.toLowerCase())
      ? item === undefined
        ? item
        : REDACTED
      : redactSecretFields(item, depth + 1);
    if (redacted !== item) {
      copy ??= Object.assign(Object.getPrototypeOf(value) === null ? Object.create(null) : {}, value);
      (copy as Record<string, unknown>)[key] = redacted;
    }
  }
  return copy ?? value;
}

/** The request as logged: fastify's fields, with the URL's secrets redacted. */
function requestSerializer(request: FastifyRequest) {
  return {
    method: request.method,
    url: typeof request.url === "string" ? redactUrl(request.url) : request.url,
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** An error as pino's standard serializer logs it (causes included), URLs in its texts redacted. */
function errorSerializer(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown;
  if (!serialized || typeof serialized !== "object") return serialized;
  const out: Record<string, unknown> = { ...(serialized as Record<string, unknown>) };
  for (const [key, value] of Object.entries(out)) if (typeof value === "string") out[key] = redactText(value);
  return out;
}

/** Fields a serializer turns into safe values (the request, the reply, errors): not walked. */
const SERIALIZED_KEYS: ReadonlySet<string> = new Set(["req", "res", "err", "error"]);

/**
 * A line's fields as logged: a field named like a secret is `[redacted]` (at the top and at any depth
 * below, headers included), and the line's own text fields (`error: message`, `request: "GET <url>"`)
 * have their URLs redacted. Fields with a serializer (req, res, err) are left to it.
 */
function redactFields(fields: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const key in fields) {
    if (!Object.hasOwn(fields, key)) continue;
    const value = fields[key];
    let redacted: unknown;
    if (SECRET_NAMES.has(key.toLowerCase())) redacted = value === undefined ? value : REDACTED;
    else if (typeof value === "string") redacted = redactText(value);
    else if (SERIALIZED_KEYS.has(key) && !isWalkable(value)) redacted = value;
    else redacted = redactSecretFields(value);
    if (redacted === value) continue;
    out ??= { ...fields };
    out[key] = redacted;
  }
  return out ?? fields;
}

/**
 * The pino options every Jeeves logger is made with: the request and error serializers above, fields
 * named like secrets redacted at any depth ({@link redactSecretFields}; no pino `redact` paths, whose
 * wildcards cost a clone of every field of every line), and URLs in the message and in the line's own
 * text fields redacted.
 */
export function redactionOptions(): Pick<LoggerOptions, "serializers" | "hooks" | "formatters"> {
  return {
    formatters: { log: redactFields },
    serializers: { req: requestSerializer as never, err: errorSerializer },
    hooks: {
      logMethod(args, method) {
        const redacted = args.map((arg) => (typeof arg === "string" ? redactText(arg) : arg));
        return method.apply(this, redacted as Parameters<typeof method>);
      },
    },
  };
}

/**
 * Fastify's `logger` option with the redaction added (false stays false, true becomes the defaults);
 * the caller's own serializers, redact paths and hooks are kept beside it.
 */
export function withLogRedaction(logger: FastifyServerOptions["logger"]): FastifyServerOptions["logger"] {
  if (!logger) return logger;
  const given = (logger === true ? {} : logger) as LoggerOptions;
  const base = redactionOptions();
  const givenRedact = Array.isArray(given.redact) ? { paths: given.redact } : given.redact;
  const givenLog = given.formatters?.log;
  return {
    ...given,
    serializers: { ...base.serializers, ...given.serializers },
    // The caller's own redact paths still apply (pino's redaction, for them only).
    ...(givenRedact?.paths?.length ? { redact: { censor: REDACTED, ...givenRedact } } : {}),
    hooks: { ...base.hooks, ...given.hooks },
    formatters: {
      ...base.formatters,
      ...given.formatters,
      // The caller's log formatter runs first; the redaction always runs last, on what it returns.
      log: givenLog ? (fields: Record<string, unknown>) => redactFields(givenLog(fields)) : redactFields,
    },
  } as FastifyServerOptions["logger"];
}

/**
 * A pino logger outside a fastify app (the suite's bus, a CLI) with the same redaction: JSON lines at
 * `LOG_LEVEL` (or info; a ConfigError naming it when it is not a level), `service` set to `name`, written
 * to `stream` (default standard output, asynchronously: see stdoutDestination; pretty on a terminal: see
 * logFormat), with `trace_id` and `span_id` of the active span (see traceMixin).
 */
export function createLogger(name: string, options: LoggerOptions & { stream?: pino.DestinationStream } = {}): Logger {
  const { stream, ...rest } = options;
  const merged = withTraceFields(
    withLogRedaction({
      level: rest.level ?? readLogLevel(),
      base: { service: name },
      ...rest,
    }),
  ) as LoggerOptions;
  return pino(merged, stream ?? logDestination());
}
