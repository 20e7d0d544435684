import { REDACTED, redactUrl, redactText as redactUrlsInText } from "@jeeves/service-kit";

/** What stands in a log line for the API key (the service kit's redaction). */
/**
 * The URL as logged: the kit's redaction, so `appid` (the OpenWeatherMap key) and every other query
 * value outside the kit's allow-list read `[redacted]`.
 */
export { REDACTED, redactUrl };

/** The text with its URLs redacted (the kit's way) and the secret (as is, or URL-encoded) replaced by `[redacted]`. */
export function redactText(text: string, secret: string): string {
  let out = redactUrlsInText(text);
  for (const form of new Set([secret, encodeURIComponent(secret)])) if (form) out = out.split(form).join(REDACTED);
  return out;
}

/**
 * A copy of an error (and of its causes) whose message and stack hold neither the secret nor an
 * `appid=` value, to keep as the cause of a logged error: fetch errors may quote the request URL.
 */
export function redactError(error: unknown, secret: string, depth = 0): Error {
  if (!(error instanceof Error)) return new Error(redactText(String(error), secret));
  const cause = error.cause === undefined || depth > 4 ? undefined : redactError(error.cause, secret, depth + 1);
  const copy = new Error(redactText(error.message, secret), cause === undefined ? {} : { cause });
  copy.name = error.name;
  copy.stack = error.stack === undefined ? undefined : redactText(error.stack, secret);
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== undefined) Object.assign(copy, { code });
  return copy;
}
