/** OpenWeatherMap knows no place of this name (it answered 404, or 400 for a query it cannot geocode). */
export class UnknownPlace extends Error {
  constructor(readonly place: string) {
    super(`no place called ${JSON.stringify(place)} is known`);
    this.name = "UnknownPlace";
  }
}

/**
 * OpenWeatherMap cannot give the weather now: unreachable, too slow, failing (5xx), refusing our key
 * (401), rate-limiting it (429), or answering something unreadable. The message never holds the key.
 */
export class UpstreamUnavailable extends Error {
  constructor(
    message: string,
    /** How long the caller should wait before asking again. */
    readonly retryAfterSeconds: number,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = "UpstreamUnavailable";
  }
}
